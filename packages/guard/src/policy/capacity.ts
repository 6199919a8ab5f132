// Who may decide about sharing: age-based capacity (domain.md, "Consent and lawful sharing").
// Pure date arithmetic on ISO calendar dates (YYYY-MM-DD); no clocks, no time zones.
import type { ConsentView } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Parses the date part of an ISO date or timestamp; throws on anything that is not a real date. */
function parseIsoDate(iso: string): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError('not an ISO date');
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new RangeError('not an ISO date');
  }
  return { y, m, d };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO date of the last Friday of June in `year`. */
function lastFridayOfJune(year: number): string {
  const dow = new Date(Date.UTC(year, 5, 30)).getUTCDay(); // 0 Sunday .. 5 Friday
  const back = (dow - 5 + 7) % 7;
  return `${pad(year, 4)}-06-${pad(30 - back)}`;
}

/**
 * End of compulsory school age: the last Friday of June of the school year (1 September to
 * 31 August) in which the child turns 16. Only the birth month matters: a child born September to
 * December turns 16 in the autumn term, so the school year ends the following June; one born
 * January to August turns 16 in the school year that ends that June. (29 February is no special
 * case: only its month counts.) Throws RangeError for anything that is not an ISO date.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: string): string {
  const { y, m } = parseIsoDate(dateOfBirth);
  const sixteenth = y + 16;
  return lastFridayOfJune(m >= 9 ? sixteenth + 1 : sixteenth);
}

/**
 * Whether a consent given by this decider counts on the date `onIso` (the date part is used).
 *
 * Up to and including the day of ECSA the child is of compulsory school age:
 *   PARENT yes; GILLICK_COMPETENT_CHILD yes; YOUNG_PERSON no; DEPUTY no (a Court of Protection
 *   deputy acts for a young person over compulsory school age).
 * From the day after ECSA the young person decides:
 *   YOUNG_PERSON yes unless they lack capacity; PARENT and DEPUTY only if the young person lacks
 *   capacity; GILLICK_COMPETENT_CHILD yes (a decision they made themselves still stands).
 * Date of birth unknown (null): the hub cannot tell which regime applies, so a decider counts if it
 *   would count in either: PARENT yes, GILLICK_COMPETENT_CHILD yes, YOUNG_PERSON yes unless the
 *   consent records that they lack capacity, DEPUTY only with lacksCapacity. This errs towards
 *   honouring what the family recorded, and a recorded DENY counts just as a PERMIT does.
 */
export function deciderEntitled(
  c: Pick<ConsentView, 'decider' | 'youngPersonLacksCapacity'>,
  dateOfBirth: string | null,
  onIso: string,
): boolean {
  const lacks = c.youngPersonLacksCapacity;
  if (dateOfBirth === null) {
    switch (c.decider) {
      case 'PARENT':
      case 'GILLICK_COMPETENT_CHILD':
        return true;
      case 'YOUNG_PERSON':
        return !lacks;
      case 'DEPUTY':
        return lacks;
    }
  }
  const on = parseIsoDate(onIso);
  const today = `${pad(on.y, 4)}-${pad(on.m)}-${pad(on.d)}`;
  const pastEcsa = today > endOfCompulsorySchoolAge(dateOfBirth);
  switch (c.decider) {
    case 'PARENT':
      return pastEcsa ? lacks : true;
    case 'GILLICK_COMPETENT_CHILD':
      return true;
    case 'YOUNG_PERSON':
      return pastEcsa && !lacks;
    case 'DEPUTY':
      return pastEcsa && lacks;
  }
}

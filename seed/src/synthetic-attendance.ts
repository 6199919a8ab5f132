// Attendance and exclusions for a synthetic population, with national-looking rates (DfE, pupil
// absence and suspensions in England, 2023/24, rounded): overall absence about 6% of sessions for
// pupils with no SEN, 9% on SEN support, 11% with an EHC plan, about a third of it unauthorised;
// suspended at least once in a year about 2%, 8% and 6%; permanently excluded about 0.05%, 0.3%
// and 0.15%. The terms of 2025/26 and the autumn of 2026 to the reference date. Deterministic: it
// draws only from the Random it is given.
import { addDays, type SenStatus, type Term } from '@hub/schema';
import type { EducationPart } from './model';
import type { Random } from './random';

/** The terms written, with the sessions possible in each (the last one to the reference date). */
const TERMS: { termStart: string; term: Term; possible: number; end: string }[] = [
  { termStart: '2025-09-03', term: 'AUTUMN', possible: 142, end: '2025-12-19' },
  { termStart: '2026-01-05', term: 'SPRING', possible: 118, end: '2026-03-27' },
  { termStart: '2026-04-13', term: 'SUMMER', possible: 128, end: '2026-07-22' },
  { termStart: '2026-09-02', term: 'AUTUMN', possible: 74, end: '2026-10-30' },
];

const MEAN_ABSENCE: Record<SenStatus, number> = { NONE: 0.06, SEN_SUPPORT: 0.09, EHC_PLAN: 0.11 };
const SUSPENDED: Record<SenStatus, number> = { NONE: 0.02, SEN_SUPPORT: 0.08, EHC_PLAN: 0.06 };
const PERMANENT: Record<SenStatus, number> = { NONE: 0.0005, SEN_SUPPORT: 0.003, EHC_PLAN: 0.0015 };

/** For a pupil of compulsory school age (5 to 15 on the reference date): terms and exclusions. */
export function syntheticAttendance(r: Random, e: EducationPart, age: number): Pick<EducationPart, 'attendance' | 'exclusions'> {
  if (age < 5 || age > 15) return { attendance: [], exclusions: [] };
  // A pupil's own absence rate, skewed like the national distribution (most low, a long tail).
  const rate = Math.min(0.9, r.exponential(MEAN_ABSENCE[e.senStatus]));
  const attendance = TERMS.map(({ termStart, term, possible }) => {
    const missed = Math.min(possible, Math.round(possible * rate * (0.6 + 0.8 * r.next())));
    const unauthorised = Math.round(missed * (0.2 + 0.3 * r.next()));
    return { termStart, term, possible, attended: possible - missed, authorised: missed - unauthorised, unauthorised };
  });
  const exclusions: NonNullable<EducationPart['exclusions']> = [];
  for (const t of TERMS) {
    const days = (Date.parse(t.end) - Date.parse(t.termStart)) / 86_400_000;
    if (r.chance(SUSPENDED[e.senStatus] / 2))
      exclusions.push({ id: r.uuid(), kind: 'SUSPENSION', startOn: addDays(t.termStart, r.int(7, days)), sessions: 2 * r.int(1, 5) });
  }
  if (r.chance(PERMANENT[e.senStatus]))
    exclusions.push({ id: r.uuid(), kind: 'PERMANENT', startOn: addDays(TERMS[1].termStart, r.int(7, 70)), sessions: null });
  return { attendance, exclusions };
}

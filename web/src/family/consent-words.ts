// A consent's provisions in plain English: "Health: may see health and education information for
// an EHC needs assessment until 1 March 2027". Code lists come from the schema, never repeated.
import type { Agency, Purpose } from '@hub/schema/codes';
import { longDate } from '../assessment/clock';

export const AGENCY_WORDS: Record<Agency, string> = { EDUCATION: 'Education', HEALTH: 'Health', SOCIAL_CARE: 'Social care' };

export const CATEGORY_WORDS: Record<string, string> = {
  IDENTITY: 'who your child is (name, date of birth, identifiers)',
  EDUCATION: 'education',
  HEALTH: 'health',
  MENTAL_HEALTH: 'mental health',
  SOCIAL_CARE: 'social care',
  SAFEGUARDING: 'child protection',
  FAMILY: 'your own words (your story)',
};

export const PURPOSE_WORDS: Record<Purpose, string> = {
  DIRECT_CARE: 'care and support',
  EHC_ASSESSMENT: 'an EHC needs assessment',
  EHC_REVIEW: 'an EHC plan review',
  SAFEGUARDING: 'keeping your child safe',
};

const and = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const or = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

export interface Provision {
  effect: 'PERMIT' | 'DENY';
  categories: string[];
  agencies: Agency[];
  orgs: string[];
  purposes: Purpose[];
  start?: string | null;
  end?: string | null;
}

/** Who the provision is about: named agencies and organisations, or everyone. */
export function recipients(p: Provision): string {
  const who = [
    ...p.agencies.map((a) => AGENCY_WORDS[a] ?? a),
    ...p.orgs.map((o) => (o === 'FAMILY' ? 'Your family' : `organisation ${o}`)),
  ];
  return who.length ? and(who) : 'Every agency';
}

export function provisionWords(p: Provision): string {
  const what = p.categories.some((c) => c === 'FAMILY' || c === 'IDENTITY')
    ? and(p.categories.map((c) => CATEGORY_WORDS[c] ?? c.toLowerCase()))
    : `${and(p.categories.map((c) => CATEGORY_WORDS[c] ?? c.toLowerCase()))} information`;
  const why = p.purposes.length ? `for ${or(p.purposes.map((x) => PURPOSE_WORDS[x] ?? x))}` : 'for any purpose';
  const when = [p.start && `from ${longDate(p.start)}`, p.end && `until ${longDate(p.end)}`].filter(Boolean).join(' ');
  return `${recipients(p)}: ${p.effect === 'DENY' ? 'may not see' : 'may see'} ${what} ${why}${when ? ` ${when}` : ''}`;
}

export const DECIDER_WORDS: Record<string, string> = {
  PARENT: 'a parent or carer',
  YOUNG_PERSON: 'the young person',
  GILLICK_COMPETENT_CHILD: 'the child',
  DEPUTY: 'a deputy',
};

export const METHOD_WORDS: Record<string, string> = {
  SIGNED_FORM: 'on a signed form',
  VERBAL: 'in conversation',
  PORTAL: 'online, here',
  ELECTRONIC_FORM: 'on an electronic form',
};

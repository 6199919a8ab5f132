// A correction request being written, kept in this tab's memory only (never the address or storage),
// keyed by child, with the idempotency key made on the first send so a retry is applied once.
import { AGENCIES, AGENCY_RECORD_CATEGORIES } from '@hub/schema/codes';
import { AGENCY_WORDS, CATEGORY_WORDS } from '../consent-words';

export interface CorrectionDraft {
  agency: string;
  category: string;
  about: string;
  whatIsWrong: string;
  whatItShouldSay: string;
  idempotencyKey?: string;
}

export const emptyDraft = (): CorrectionDraft => ({ agency: '', category: '', about: '', whatIsWrong: '', whatItShouldSay: '' });

const drafts = new Map<string, CorrectionDraft>();
export const correctionDrafts = {
  get: (childId: string) => drafts.get(childId),
  save: (childId: string, d: CorrectionDraft) => void drafts.set(childId, d),
  drop: (childId: string) => void drafts.delete(childId),
};

export const AGENCY_OPTIONS = AGENCIES.map((a) => ({ value: a, text: AGENCY_WORDS[a] }));
export const CATEGORY_OPTIONS = AGENCY_RECORD_CATEGORIES.map((c) => ({
  value: c,
  text: CATEGORY_WORDS[c][0].toUpperCase() + CATEGORY_WORDS[c].slice(1),
}));

export const STATUS_WORDS: Record<string, string> = { OPEN: 'Waiting for an answer', ACCEPTED: 'Accepted', DECLINED: 'Declined' };
export const STATUS_COLOUR: Record<string, string> = { OPEN: 'blue', ACCEPTED: 'green', DECLINED: 'red' };

/** The form's checks, the same limits the API enforces (which names the field if they ever differ). */
export function draftProblems(d: CorrectionDraft): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  if (!d.agency) p.push({ field: 'agency', message: 'Select who holds the record that is wrong' });
  if (!d.category) p.push({ field: 'category', message: 'Select which kind of information is wrong' });
  if (d.about.length > 200) p.push({ field: 'about', message: 'Where in the record must be 200 characters or fewer' });
  if (d.whatIsWrong.trim().length < 10) p.push({ field: 'whatIsWrong', message: 'Say what is wrong, in at least 10 characters' });
  else if (d.whatIsWrong.length > 2000) p.push({ field: 'whatIsWrong', message: 'What is wrong must be 2,000 characters or fewer' });
  if (d.whatItShouldSay.length > 2000)
    p.push({ field: 'whatItShouldSay', message: 'What it should say must be 2,000 characters or fewer' });
  return p;
}

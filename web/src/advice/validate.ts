// Checks the advice form in the browser before anything is sent (the API checks again).
import { isoDate } from '../govuk/DateInput';
import type { FieldError } from '../govuk/ErrorSummary';
import { lines, type AdviceDraft } from './drafts';
import { AGENCY } from './agency';

export function adviceProblems(d: AdviceDraft): FieldError[] {
  const a = AGENCY[d.agency];
  const out: FieldError[] = [];
  if (!lines(d.needs).length) out.push({ field: 'needs', message: `Enter the child's needs (section ${a.needsSection})` });
  if (!lines(d.outcomes).length) out.push({ field: 'outcomes', message: 'Enter at least one outcome (section E)' });
  if (!lines(d.provision).length)
    out.push({ field: 'provision', message: `Enter the provision (section ${a.provisionSections.join(' or ')})` });
  if (!d.authorName.trim()) out.push({ field: 'author-name', message: 'Enter your name' });
  if (!d.authorRole.trim()) out.push({ field: 'author-role', message: 'Enter your role' });
  const date = isoDate(d.adviceDate, 'the date of the advice');
  if (date.error) out.push({ field: 'advice-date', message: date.error });
  return out;
}

/** The API's argument names mapped to this form's fields. */
export function fieldOfArgument(argument: string): string {
  if (/needs/.test(argument)) return 'needs';
  if (/outcomes/.test(argument)) return 'outcomes';
  if (/provision/.test(argument)) return 'provision';
  if (/authorName/.test(argument)) return 'author-name';
  if (/authorRole/.test(argument)) return 'author-role';
  if (/adviceDate/.test(argument)) return 'advice-date';
  return 'needs';
}

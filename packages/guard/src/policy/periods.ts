// When a relationship, a provision or a consent counts: the date and instant rules the need-to-know
// policy (decide.ts) and the family's rules (family.ts) share. Pure.
import { deciderEntitled } from './capacity';
import type { AccessContext, ConsentView } from './types';

/** ISO dates, inclusive at both ends; null = open. Timestamps compare by their date part. */
export function within(today: string, start: string | null, end: string | null): boolean {
  return (start === null || start.slice(0, 10) <= today) && (end === null || today <= end.slice(0, 10));
}

/** Given by now, not withdrawn by now, and given by someone entitled to decide today (capacity.ts). */
export function consentCounts(c: ConsentView, ctx: AccessContext, nowMs: number, today: string): boolean {
  const given = Date.parse(c.givenAt);
  if (!(given <= nowMs)) return false; // not yet given (or unreadable)
  if (c.withdrawnAt !== null && !(Date.parse(c.withdrawnAt) > nowMs)) return false; // withdrawn by now
  return deciderEntitled(c, ctx.dateOfBirth, today);
}

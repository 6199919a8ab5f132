import { badInput } from '@hub/guard/errors';
import { isHubId, isoDateProblem, isoDateTimeProblem } from '@hub/schema';

/** A hub id argument, lower-cased, or BAD_USER_INPUT naming the argument. */
export function checkId(argument: string, id: unknown): string {
  if (!isHubId(id)) throw badInput(argument, 'must be a hub id (a UUID)');
  return id.toLowerCase();
}

/** A user id (the sub of the user's token), or BAD_USER_INPUT naming the argument. */
export function checkUserSub(argument: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[\w.@:-]{1,100}$/.test(v)) throw badInput(argument, 'must be a user id');
  return v;
}

/** An optional ISO date argument (schema/src/dates.ts is the one validator), or BAD_USER_INPUT. */
export function checkDate(argument: string, value: unknown): string | null {
  if (value == null) return null;
  const problem = isoDateProblem(value);
  if (problem) throw badInput(argument, problem);
  return value as string;
}

/** An optional ISO date-time argument, normalised to UTC, or BAD_USER_INPUT naming it. */
export function checkDateTime(argument: string, value: unknown): string | null {
  if (value == null) return null;
  const problem = isoDateTimeProblem(value);
  if (problem) throw badInput(argument, problem);
  return new Date(value as string).toISOString();
}

/** A typed reason (break glass, self-claim, review outcome): trimmed, within bounds. */
export function checkReason(argument: string, value: unknown, min: number, max = 1000): string {
  if (typeof value !== 'string' || value.trim().length < min) throw badInput(argument, `must state why, in at least ${min} characters`);
  if (value.length > max) throw badInput(argument, `may be at most ${max} characters`);
  return value.trim();
}

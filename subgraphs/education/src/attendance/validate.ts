// Argument checks for recording (and correcting) attendance and exclusions: BAD_USER_INPUT naming the argument
// (input.sessionsPossible), before anything is read or written. The rules are schema's
// (attendance.ts): the code lists, the sessions adding up, the term a date falls in.
import { badInput } from '@hub/guard/errors';
import {
  attendanceProblem,
  EXCLUSION_KINDS,
  EXCLUSION_WITHDRAWALS,
  isCode,
  termOf,
  toIsoDate,
  type ExclusionKind,
  type ExclusionWithdrawal,
  type Term,
} from '@hub/schema';
import { checkDate, checkId } from '../assessments/validate';
import { checkIdempotencyKey } from '../plans/validate';

export interface AttendanceInput {
  childId: string;
  termStart: string;
  term: Term;
  sessionsPossible: number;
  sessionsAttended: number;
  authorisedAbsence: number;
  unauthorisedAbsence: number;
  idempotencyKey: string;
}

export interface ExclusionInput {
  childId: string;
  kind: ExclusionKind;
  startOn: string;
  sessions: number | null;
  idempotencyKey: string;
}

export interface WithdrawalInput {
  childId: string;
  kind: ExclusionKind;
  startOn: string;
  reason: ExclusionWithdrawal;
  idempotencyKey: string;
}

/** A suspension is at most 45 school days (90 sessions) in a school year (DfE suspension guidance, 2024). */
const MAX_SUSPENSION_SESSIONS = 90;

const today = () => toIsoDate(new Date())!;

export function checkAttendanceInput(input: any): AttendanceInput {
  const childId = checkId('input.childId', input.childId);
  const termStart = checkDate('input.termStart', input.termStart, today());
  if (input.term !== termOf(termStart)) throw badInput('input.term', `must be ${termOf(termStart)}, the term termStart falls in`);
  const sessions = {
    sessionsPossible: input.sessionsPossible,
    sessionsAttended: input.sessionsAttended,
    authorisedAbsence: input.authorisedAbsence,
    unauthorisedAbsence: input.unauthorisedAbsence,
  };
  const problem = attendanceProblem(sessions);
  if (problem) throw badInput(`input.${problem.field}`, problem.problem);
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  return { childId, termStart, term: input.term, ...sessions, idempotencyKey };
}

export function checkExclusionInput(input: any): ExclusionInput {
  const childId = checkId('input.childId', input.childId);
  if (!isCode(EXCLUSION_KINDS, input.kind)) throw badInput('input.kind', 'is not SUSPENSION or PERMANENT');
  const startOn = checkDate('input.startOn', input.startOn, today());
  const suspension = input.kind === 'SUSPENSION';
  if (!suspension && input.sessions != null) throw badInput('input.sessions', 'must be empty for a permanent exclusion');
  if (suspension && !(Number.isInteger(input.sessions) && input.sessions >= 1 && input.sessions <= MAX_SUSPENSION_SESSIONS))
    throw badInput('input.sessions', `must be a whole number of sessions from 1 to ${MAX_SUSPENSION_SESSIONS} for a suspension`);
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  return { childId, kind: input.kind, startOn, sessions: suspension ? input.sessions : null, idempotencyKey };
}

export function checkWithdrawalInput(input: any): WithdrawalInput {
  const childId = checkId('input.childId', input.childId);
  if (!isCode(EXCLUSION_KINDS, input.kind)) throw badInput('input.kind', 'is not SUSPENSION or PERMANENT');
  const startOn = checkDate('input.startOn', input.startOn, today());
  if (!isCode(EXCLUSION_WITHDRAWALS, input.reason)) throw badInput('input.reason', `is not one of ${EXCLUSION_WITHDRAWALS.join(', ')}`);
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  return { childId, kind: input.kind, startOn, reason: input.reason, idempotencyKey };
}

// What the attendance and exclusion writes share: the caller's LA and need-to-know decided (and
// audited) by the shared access decision with the child's record in that LA, the rows as the API
// answers them, and a retry with the same idempotency key told from a second use of the key.
import { badInput } from '@hub/guard/errors';
import { type Db } from '@hub/runtime/db';
import { type SubgraphContext } from '@hub/host/subgraph';
import { authoriseForChild, type Authorised } from '../assessments/access';
import { educationRecordLa } from '../assessments/repository';
import type { Loaders } from '../repository';
import type { AttendanceTerm, Exclusion } from '../generated/graphql';
import { academicYearOf } from '@hub/schema';
import type { AttendanceInput } from './validate';

export type Ctx = SubgraphContext<Loaders>;

export const TERM_SQL = `SELECT child_id, to_char(term_start, 'YYYY-MM-DD') AS "termStart", term, sessions_possible AS "sessionsPossible",
  sessions_attended AS "sessionsAttended", authorised_absence AS "authorisedAbsence", unauthorised_absence AS "unauthorisedAbsence"
  FROM attendance_term`;
export const EXCLUSION_SQL = `SELECT child_id, kind, to_char(start_on, 'YYYY-MM-DD') AS "startOn", sessions FROM exclusion`;

export type TermRow = AttendanceTerm & { child_id: string };
export type ExclusionRow = Exclusion & { child_id: string };

const schoolYear = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/** The child's LA and need-to-know, then their record in that LA: the argument named otherwise. */
export async function authorise(ctx: Ctx, childId: string): Promise<Authorised> {
  const auth = await authoriseForChild(ctx, childId, 'input.childId');
  if ((await educationRecordLa(ctx.db, childId)) !== auth.laCode)
    throw badInput('input.childId', 'has no education record in your local authority');
  return auth;
}

/**
 * After a write that wrote nothing: the first attempt's row when this is its retry (the same
 * values under the same key), or BAD_USER_INPUT — the key used for something else, or `refusal`.
 * `keyed` names the columns holding who wrote and their key.
 */
export async function retried<R extends { child_id: string }>(
  db: Db,
  select: string,
  caller: string,
  key: string,
  same: Record<string, unknown>,
  refusal: [string, string],
  keyed: [by: string, key: string] = ['recorded_by', 'idempotency_key'],
): Promise<R> {
  const [prior] = await db.query<R>(`${select} WHERE ${keyed[0]} = $1 AND ${keyed[1]} = $2`, [caller, key]);
  if (!prior) throw badInput(...refusal);
  if (Object.entries(same).some(([k, v]) => prior[k as keyof R] !== v))
    throw badInput('input.idempotencyKey', 'was already used for another record');
  return prior;
}

/** The row as the API answers it, with the child it belongs to (the field guard decides on the child's context). */
export function answer<R extends { child_id: string }>(
  { child_id: _, ...row }: R,
  auth: Authorised,
): Omit<R, 'child_id'> & { child: Authorised['child'] } {
  return { ...row, child: auth.child };
}

/**
 * A term written by `sql` from `input` ($1 child, $2 term start, $3 term, $4-$7 the sessions, $8 the
 * caller, $9 the key, $10 the school year's first calendar year), answered; or, when it wrote
 * nothing, its first attempt's answer read from `select` (a retry), else BAD_USER_INPUT from `refusal`.
 */
export async function writeTerm(
  ctx: Ctx,
  auth: Authorised,
  sql: string,
  select: string,
  input: AttendanceInput,
  refusal: (schoolYear: string) => [string, string],
) {
  const year = academicYearOf(input.termStart);
  const { idempotencyKey, childId, ...values } = input;
  const [row] = await ctx.db.query<TermRow>(sql, [
    childId,
    input.termStart,
    input.term,
    input.sessionsPossible,
    input.sessionsAttended,
    input.authorisedAbsence,
    input.unauthorisedAbsence,
    ctx.caller.sub,
    idempotencyKey,
    year,
  ]);
  if (row) return answer(row, auth);
  const prior = await retried<TermRow>(
    ctx.db,
    select,
    ctx.caller.sub,
    idempotencyKey,
    { child_id: childId, ...values },
    refusal(schoolYear(year)),
  );
  return answer(prior, auth);
}

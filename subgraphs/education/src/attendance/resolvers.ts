// Recording a term's attendance and a suspension or permanent exclusion through the graph. Like
// every education write: the caller's LA and need-to-know for the child decided (and audited) by
// the shared access decision, the child's record in the caller's LA, all checks before anything is
// written, and a retry with the same idempotency key answered with what the first attempt wrote.
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { type Db } from '@hub/runtime/db';
import { type SubgraphContext } from '@hub/host/subgraph';
import { academicYearOf } from '@hub/schema';
import { authoriseForChild, type Authorised } from '../assessments/access';
import { educationRecordLa } from '../assessments/repository';
import type { Loaders } from '../repository';
import type { AttendanceTerm, Exclusion, MutationResolvers } from '../generated/graphql';
import { checkAttendanceInput, checkExclusionInput } from './validate';

type Ctx = SubgraphContext<Loaders>;

const TERM_SQL = `SELECT child_id, to_char(term_start, 'YYYY-MM-DD') AS "termStart", term, sessions_possible AS "sessionsPossible",
  sessions_attended AS "sessionsAttended", authorised_absence AS "authorisedAbsence", unauthorised_absence AS "unauthorisedAbsence"
  FROM attendance_term`;
const CORRECTION_SQL = TERM_SQL.replace('FROM attendance_term', 'FROM attendance_correction');
const EXCLUSION_SQL = `SELECT child_id, kind, to_char(start_on, 'YYYY-MM-DD') AS "startOn", sessions FROM exclusion`;

type TermRow = AttendanceTerm & { child_id: string };
type ExclusionRow = Exclusion & { child_id: string };

const schoolYear = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/** The child's LA and need-to-know, then their record in that LA: the argument named otherwise. */
async function authorise(ctx: Ctx, childId: string): Promise<Authorised> {
  const auth = await authoriseForChild(ctx, childId, 'input.childId');
  if ((await educationRecordLa(ctx.db, childId)) !== auth.laCode)
    throw badInput('input.childId', 'has no education record in your local authority');
  return auth;
}

/**
 * After an insert that wrote nothing: the first attempt's row when this is its retry (the same
 * values under the same key), or BAD_USER_INPUT — the key used for something else, or `refusal`.
 */
async function retried<R extends { child_id: string }>(
  db: Db,
  select: string,
  caller: string,
  key: string,
  same: Record<string, unknown>,
  refusal: [string, string],
): Promise<R> {
  const [prior] = await db.query<R>(`${select} WHERE recorded_by = $1 AND idempotency_key = $2`, [caller, key]);
  if (!prior) throw badInput(...refusal);
  if (Object.entries(same).some(([k, v]) => prior[k as keyof R] !== v))
    throw badInput('input.idempotencyKey', 'was already used for another record');
  return prior;
}

/** The row as the API answers it, with the child it belongs to (the field guard decides on the child's context). */
function answer<R extends { child_id: string }>(
  { child_id: _, ...row }: R,
  auth: Authorised,
): Omit<R, 'child_id'> & { child: Authorised['child'] } {
  return { ...row, child: auth.child };
}

export const attendanceResolvers: {
  Mutation: Pick<MutationResolvers<Ctx>, 'recordAttendance' | 'correctAttendance' | 'recordExclusion'>;
} = {
  Mutation: {
    recordAttendance: async (_, args, ctx) => {
      const input = checkAttendanceInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      const year = academicYearOf(input.termStart);
      // One record per child and term of a school year, whatever day the term is said to start.
      const [row] = await ctx.db.query<TermRow>(
        `WITH written AS (
           INSERT INTO attendance_term (child_id, term_start, term, sessions_possible, sessions_attended, authorised_absence,
             unauthorised_absence, recorded_by, idempotency_key)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM attendance_term
             WHERE child_id = $1 AND term = $3 AND term_start >= make_date($10, 8, 1) AND term_start < make_date($10 + 1, 8, 1))
           ON CONFLICT DO NOTHING RETURNING *)
         ${TERM_SQL.replace('FROM attendance_term', 'FROM written')}`,
        [
          input.childId,
          input.termStart,
          input.term,
          input.sessionsPossible,
          input.sessionsAttended,
          input.authorisedAbsence,
          input.unauthorisedAbsence,
          ctx.caller.sub,
          input.idempotencyKey,
          year,
        ],
      );
      if (row) return answer(row, auth);
      const { idempotencyKey, childId, ...values } = input;
      const prior = await retried<TermRow>(ctx.db, TERM_SQL, ctx.caller.sub, idempotencyKey, { child_id: childId, ...values }, [
        'input.termStart',
        `falls in a term (${input.term} ${schoolYear(year)}) already recorded for this child`,
      ]);
      return answer(prior, auth);
    },
    correctAttendance: async (_, args, ctx) => {
      const input = checkAttendanceInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      const year = academicYearOf(input.termStart);
      // The term's row is locked, its figures kept beside the correction's, then replaced: one
      // statement, so the figures it replaces cannot change between being kept and replaced.
      const [row] = await ctx.db.query<TermRow>(
        `WITH prior AS (
           SELECT * FROM attendance_term WHERE child_id = $1 AND term = $3
             AND term_start >= make_date($10, 8, 1) AND term_start < make_date($10 + 1, 8, 1) FOR UPDATE),
         kept AS (
           INSERT INTO attendance_correction (child_id, term, replaced_term_start, replaced_sessions_possible,
             replaced_sessions_attended, replaced_authorised_absence, replaced_unauthorised_absence, term_start,
             sessions_possible, sessions_attended, authorised_absence, unauthorised_absence, recorded_by, idempotency_key)
           SELECT child_id, term, term_start, sessions_possible, sessions_attended, authorised_absence, unauthorised_absence,
             $2, $4, $5, $6, $7, $8, $9 FROM prior
           ON CONFLICT DO NOTHING RETURNING child_id, replaced_term_start),
         written AS (
           UPDATE attendance_term t SET term_start = $2, sessions_possible = $4, sessions_attended = $5,
             authorised_absence = $6, unauthorised_absence = $7
           FROM kept WHERE t.child_id = kept.child_id AND t.term_start = kept.replaced_term_start RETURNING t.*)
         ${TERM_SQL.replace('FROM attendance_term', 'FROM written')}`,
        [
          input.childId,
          input.termStart,
          input.term,
          input.sessionsPossible,
          input.sessionsAttended,
          input.authorisedAbsence,
          input.unauthorisedAbsence,
          ctx.caller.sub,
          input.idempotencyKey,
          year,
        ],
      );
      if (row) return answer(row, auth);
      const { idempotencyKey, childId, ...values } = input;
      const prior = await retried<TermRow>(ctx.db, CORRECTION_SQL, ctx.caller.sub, idempotencyKey, { child_id: childId, ...values }, [
        'input.term',
        `has no attendance recorded for this child in ${input.term} ${schoolYear(year)} to correct: record it with recordAttendance`,
      ]);
      return answer(prior, auth);
    },
    recordExclusion: async (_, args, ctx) => {
      const input = checkExclusionInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      const [row] = await ctx.db.query<ExclusionRow>(
        `WITH written AS (
           INSERT INTO exclusion (id, child_id, kind, start_on, sessions, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT DO NOTHING RETURNING *)
         ${EXCLUSION_SQL.replace('FROM exclusion', 'FROM written')}`,
        [randomUUID(), input.childId, input.kind, input.startOn, input.sessions, ctx.caller.sub, input.idempotencyKey],
      );
      if (row) return answer(row, auth);
      const prior = await retried<ExclusionRow>(
        ctx.db,
        EXCLUSION_SQL,
        ctx.caller.sub,
        input.idempotencyKey,
        { child_id: input.childId, kind: input.kind, startOn: input.startOn, sessions: input.sessions },
        ['input.idempotencyKey', 'was already used for another record'],
      );
      return answer(prior, auth);
    },
  },
};

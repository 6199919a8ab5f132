// Recording a term's attendance and a suspension or permanent exclusion through the graph. Like
// every education write: the caller's LA and need-to-know for the child decided (and audited) by
// the shared access decision, the child's record in the caller's LA, all checks before anything is
// written, and a retry with the same idempotency key answered with what the first attempt wrote.
// Correcting them: corrections.ts.
import { randomUUID } from 'node:crypto';
import type { MutationResolvers } from '../generated/graphql';
import { checkAttendanceInput, checkExclusionInput } from './validate';
import { answer, authorise, EXCLUSION_SQL, retried, TERM_SQL, writeTerm, type Ctx, type ExclusionRow } from './writes';

export const attendanceResolvers: { Mutation: Pick<MutationResolvers<Ctx>, 'recordAttendance' | 'recordExclusion'> } = {
  Mutation: {
    recordAttendance: async (_, args, ctx) => {
      const input = checkAttendanceInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      // One record per child and term of a school year, whatever day the term is said to start.
      return writeTerm(
        ctx,
        auth,
        `WITH written AS (
           INSERT INTO attendance_term (child_id, term_start, term, sessions_possible, sessions_attended, authorised_absence,
             unauthorised_absence, recorded_by, idempotency_key)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM attendance_term
             WHERE child_id = $1 AND term = $3 AND term_start >= make_date($10, 8, 1) AND term_start < make_date($10 + 1, 8, 1))
           ON CONFLICT DO NOTHING RETURNING *)
         ${TERM_SQL.replace('FROM attendance_term', 'FROM written')}`,
        TERM_SQL,
        input,
        (year) => ['input.termStart', `falls in a term (${input.term} ${year}) already recorded for this child`],
      );
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

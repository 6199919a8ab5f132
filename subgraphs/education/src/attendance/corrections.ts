// Correcting what was recorded: a term's figures replaced (the replaced ones kept beside the
// correction), and an exclusion withdrawn — recorded in error, or overturned — kept, marked, and no
// longer shown or counted. The same roles, checks, need-to-know and retry rules as recording them
// (resolvers.ts, writes.ts).
import { toIsoDate } from '@hub/schema';
import type { MutationResolvers } from '../generated/graphql';
import { checkAttendanceInput, checkWithdrawalInput } from './validate';
import { answer, authorise, EXCLUSION_SQL, retried, TERM_SQL, writeTerm, type Ctx, type ExclusionRow } from './writes';

const CORRECTION_SQL = TERM_SQL.replace('FROM attendance_term', 'FROM attendance_correction');
const WITHDRAWN_SQL = EXCLUSION_SQL.replace(' FROM exclusion', ', withdrawal FROM exclusion');

export const correctionResolvers: { Mutation: Pick<MutationResolvers<Ctx>, 'correctAttendance' | 'withdrawExclusion'> } = {
  Mutation: {
    correctAttendance: async (_, args, ctx) => {
      const input = checkAttendanceInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      // The term's row is locked, its figures kept beside the correction's, then replaced: one
      // statement, so the figures it replaces cannot change between being kept and replaced.
      return writeTerm(
        ctx,
        auth,
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
        CORRECTION_SQL,
        input,
        (year) => [
          'input.term',
          `has no attendance recorded for this child in ${input.term} ${year} to correct: record it with recordAttendance`,
        ],
      );
    },
    withdrawExclusion: async (_, args, ctx) => {
      const input = checkWithdrawalInput(args.input ?? {});
      const auth = await authorise(ctx, input.childId);
      // One standing exclusion of that kind and first day (either, when two are alike: they are the same fact).
      const [row] = await ctx.db.query<ExclusionRow>(
        `WITH written AS (
           UPDATE exclusion SET withdrawn_on = $4, withdrawn_by = $5, withdrawal = $6, withdrawal_key = $7
           WHERE id = (SELECT id FROM exclusion WHERE child_id = $1 AND kind = $2 AND start_on = $3 AND withdrawn_on IS NULL
             ORDER BY id LIMIT 1 FOR UPDATE)
             AND NOT EXISTS (SELECT 1 FROM exclusion WHERE withdrawn_by = $5 AND withdrawal_key = $7)
           RETURNING *)
         ${EXCLUSION_SQL.replace('FROM exclusion', 'FROM written')}`,
        [input.childId, input.kind, input.startOn, toIsoDate(new Date()), ctx.caller.sub, input.reason, input.idempotencyKey],
      );
      if (row) return answer(row, auth);
      const prior = await retried<ExclusionRow & { withdrawal: string }>(
        ctx.db,
        WITHDRAWN_SQL,
        ctx.caller.sub,
        input.idempotencyKey,
        { child_id: input.childId, kind: input.kind, startOn: input.startOn, withdrawal: input.reason },
        ['input.startOn', `has no ${input.kind.toLowerCase()} recorded for this child starting that day that has not been withdrawn`],
        ['withdrawn_by', 'withdrawal_key'],
      );
      const { withdrawal: _withdrawal, ...exclusion } = prior;
      return answer(exclusion, auth);
    },
  },
};

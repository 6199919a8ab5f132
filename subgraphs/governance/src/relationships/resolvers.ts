// Legitimate relationships (need-to-know). They come only from:
//   - the agency's source system (an `integration` caller of that agency),
//   - a `team_manager` of the same agency and organisation,
//   - a professional's own claim, with a typed reason, for at most SELF_CLAIM_MAX_DAYS days, raised
//     for a privacy officer's review exactly like break glass,
//   - (peer-resolvers.ts) education's request for advice to an organisation.
// Nothing else creates one; every creation, end and review is audited.
import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import { badInput, forbidden } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { hasRole } from '@hub/guard/identity';
import { addDays, PROFESSIONAL_ROLES, SELF_CLAIM_MAX_DAYS, toIsoDate } from '@hub/schema';
import { permitted, RECORD } from '../audit';
import type { Loaders } from '../repository';
import { checkDate, checkId, checkReason } from '../validate';
import { auditRead, requireVisible } from '../visibility';
import { insertRelationshipOnce, RELATIONSHIP_COLUMNS, relationshipOut, type RelationshipRow } from './repository';
import { checkAllocation } from './allocation-input';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
const today = () => toIsoDate(new Date())!;

async function requireChild(ctx: Ctx, childId: string, argument: string) {
  const known = await ctx.db.query('SELECT 1 FROM child WHERE id = $1', [childId]);
  if (!known.length) throw badInput(argument, 'is not a registered child');
}

const NOT_YOURS = "relationships are ended by their agency's source system or a team manager of the same agency and organisation";

export const relationshipResolvers: Resolvers = {
  Query: {
    relationships: async (_, { childId }, ctx) => {
      const id = checkId('childId', childId);
      let rows: RelationshipRow[];
      if (hasRole(ctx.caller, 'team_manager') && !hasRole(ctx.caller, 'privacy_officer', ...PROFESSIONAL_ROLES)) {
        // A manager sees only their own team's allocations: for a child their team does not work
        // with the list is empty, whether or not the child exists.
        rows = await ctx.db.query<RelationshipRow>(
          `SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE child_id = $1 AND agency = $2 AND org = $3 ORDER BY created_at`,
          [id, ctx.caller.agency, ctx.caller.org],
        );
        auditRead(
          ctx,
          id,
          RECORD.relationship,
          'ROLE',
          rows.map((r) => r.public_id),
        );
      } else {
        const { v } = await requireVisible(ctx, id, RECORD.relationship, 'READ', 'never');
        rows = await ctx.db.query<RelationshipRow>(
          `SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE child_id = $1 ORDER BY created_at`,
          [id],
        );
        auditRead(
          ctx,
          id,
          RECORD.relationship,
          v.basis,
          rows.map((r) => r.public_id),
        );
      }
      return rows.map(relationshipOut);
    },
    relationshipClaims: async (_, { pendingOnly }, ctx) => {
      const rows = await ctx.db.query<RelationshipRow>(
        `SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE kind = 'SELF_CLAIM' ${pendingOnly ? 'AND reviewed_at IS NULL' : ''} ORDER BY created_at DESC LIMIT 1000`,
      );
      ctx.audit!.add(...rows.map((r) => permitted(r.child_id, RECORD.relationship, 'READ', 'ROLE', r.public_id)));
      return rows.map(relationshipOut);
    },
  },
  Mutation: {
    allocate: async (_, { input, idempotencyKey }, ctx) => {
      const { childId, start, end } = checkAllocation(input, 'input', ctx.caller.sub);
      const key = checkIdempotencyKey(idempotencyKey);
      const createdAs = hasRole(ctx.caller, 'integration') ? 'SOURCE_SYSTEM' : 'TEAM_MANAGER';
      await requireChild(ctx, childId, 'input.childId');
      // The allocation is to the creator's own agency and organisation: a manager allocates within
      // their team, a source system within its agency.
      const { row, created } = await insertRelationshipOnce(ctx, {
        childId,
        kind: 'ALLOCATION',
        agency: ctx.caller.agency!,
        org: ctx.caller.org,
        userSub: input.userSub,
        start,
        end,
        createdBy: ctx.caller.sub,
        createdOrg: ctx.caller.org,
        createdAs,
        reason: null,
        key,
      });
      if (!created && (row.child_id !== childId || row.user_sub !== input.userSub))
        throw badInput('idempotencyKey', 'was already used for a different allocation');
      return relationshipOut(row);
    },
    claimRelationship: async (_, args, ctx) => {
      const childId = checkId('childId', args.childId);
      const reason = checkReason('reason', args.reason, 10);
      if (!Number.isInteger(args.days) || args.days < 1 || args.days > SELF_CLAIM_MAX_DAYS)
        throw badInput('days', `must be 1 to ${SELF_CLAIM_MAX_DAYS}`);
      const key = checkIdempotencyKey(args.idempotencyKey);
      const start = today();
      await requireChild(ctx, childId, 'childId');
      const { row, created } = await insertRelationshipOnce(ctx, {
        childId,
        kind: 'SELF_CLAIM',
        agency: ctx.caller.agency!,
        org: ctx.caller.org,
        userSub: ctx.caller.sub,
        start,
        end: addDays(start, args.days - 1),
        createdBy: ctx.caller.sub,
        createdOrg: ctx.caller.org,
        createdAs: 'SELF_CLAIM',
        reason,
        key,
      });
      if (!created && row.child_id !== childId) throw badInput('idempotencyKey', 'was already used for a different claim');
      return relationshipOut(row);
    },
    endRelationship: async (_, args, ctx) => {
      const id = checkId('id', args.id);
      const asked = checkDate('endDate', args.endDate);
      const [r] = await ctx.db.query<RelationshipRow>(`SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE public_id = $1`, [id]);
      // "At once" is yesterday, or the end it already has if that is sooner (ending it again is a no-op).
      const atOnce = addDays(today(), -1);
      const end = asked ?? (r?.end_date && r.end_date < atOnce ? r.end_date : atOnce);
      // Privacy officers end self-claims they reject; managers and source systems their own agency's.
      const mayEnd =
        r &&
        r.kind !== 'ADVICE_REQUEST' &&
        (hasRole(ctx.caller, 'privacy_officer') ? r.kind === 'SELF_CLAIM' : r.agency === ctx.caller.agency && r.org === ctx.caller.org);
      if (!mayEnd) throw forbidden('ROLE', NOT_YOURS);
      if (end < addDays(r.start_date, -1)) throw badInput('endDate', 'is before the relationship started');
      // Ending never lengthens: a later end would stretch a self-claim past its limit or reopen an
      // ended relationship. A source system's later end date is redateRelationship's.
      if (r.end_date && end > r.end_date)
        throw badInput('endDate', `is after the relationship's end (${r.end_date}): an end can only be brought forward`);
      const [row] = await auditedWrite<RelationshipRow>(
        ctx,
        `UPDATE relationship SET end_date = $2, ended_by = $3, ended_at = now() WHERE public_id = $1 RETURNING ${RELATIONSHIP_COLUMNS}`,
        [id, end, ctx.caller.sub],
        [permitted(r.child_id, RECORD.relationship, 'END', 'ROLE', id)],
      );
      return relationshipOut(row);
    },
    redateRelationship: async (_, args, ctx) => {
      const id = checkId('id', args.id);
      const end = checkDate('endDate', args.endDate);
      if (end && end < today()) throw badInput('endDate', 'has passed: a relationship is ended with endRelationship');
      const [r] = await ctx.db.query<RelationshipRow>(`SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE public_id = $1`, [id]);
      if (!r || r.created_as !== 'SOURCE_SYSTEM' || r.agency !== ctx.caller.agency || r.org !== ctx.caller.org)
        throw forbidden('ROLE', "a source system moves the end of its own agency and organisation's relationships only");
      if (r.end_date && r.end_date < today()) throw badInput('id', 'has ended: the source allocates again');
      // The row's end is re-checked in the statement: a relationship ended meanwhile is not reopened.
      const rows = await auditedWrite<RelationshipRow>(
        ctx,
        `UPDATE relationship SET end_date = $2::date, ended_by = CASE WHEN $2::date IS NULL THEN NULL ELSE $3 END,
           ended_at = CASE WHEN $2::date IS NULL THEN NULL ELSE now() END
         WHERE public_id = $1 AND (end_date IS NULL OR end_date >= current_date) RETURNING ${RELATIONSHIP_COLUMNS}`,
        [id, end, ctx.caller.sub],
        [permitted(r.child_id, RECORD.relationship, 'AMEND', 'ROLE', id)],
      );
      if (!rows.length) throw badInput('id', 'has ended: the source allocates again');
      return relationshipOut(rows[0]);
    },
    reviewRelationshipClaim: async (_, args, ctx) => {
      const id = checkId('id', args.id);
      const outcome = checkReason('outcome', args.outcome, 3);
      const [target] = await ctx.db.query<{ child_id: string; created_by: string }>(
        "SELECT child_id, created_by FROM relationship WHERE public_id = $1 AND kind = 'SELF_CLAIM'",
        [id],
      );
      if (!target) throw badInput('id', 'is not a self-claimed relationship awaiting review');
      if (target.created_by === ctx.caller.sub) throw forbidden('ROLE', 'a self-claim is reviewed by someone other than its claimant');
      const entries = [permitted(target.child_id, RECORD.relationship, 'REVIEW', 'ROLE', id)];
      if (args.endNow) entries.push(permitted(target.child_id, RECORD.relationship, 'END', 'ROLE', id));
      const rows = await auditedWrite<RelationshipRow>(
        ctx,
        `UPDATE relationship SET reviewed_at = now(), reviewed_by = $2, review_outcome = $3,
                end_date = CASE WHEN $4::boolean THEN current_date - 1 ELSE end_date END,
                ended_by = CASE WHEN $4::boolean THEN $2 ELSE ended_by END, ended_at = CASE WHEN $4::boolean THEN now() ELSE ended_at END
          WHERE public_id = $1 AND kind = 'SELF_CLAIM' AND reviewed_at IS NULL RETURNING ${RELATIONSHIP_COLUMNS}`,
        [id, ctx.caller.sub, outcome, args.endNow === true],
        entries,
      );
      if (!rows.length) throw badInput('id', 'is not a self-claimed relationship awaiting review');
      return relationshipOut(rows[0]);
    },
  },
};

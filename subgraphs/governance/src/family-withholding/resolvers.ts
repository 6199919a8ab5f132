// An agency closes one category of its own data about a child to the family (the serious-harm
// exemption), and later reopens it. Only a professional who works with the child, for their own
// agency: a marking is a judgement about this child that only someone with need-to-know can make.
// The guard reads the marking from the signed access context (family.ts closedToFamily).
import { randomUUID } from 'node:crypto';
import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import { badInput } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { AGENCY_RECORD_CATEGORIES, isCode, type Agency, type DataCategory } from '@hub/schema';
import { permitted, RECORD } from '../audit';
import type { Loaders } from '../repository';
import { checkId, checkReason } from '../validate';
import { auditRead, requireOwnRelationship, requireToActForFamily, visibilityOf } from '../visibility';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
const COLUMNS = 'id, child_id, agency, category, reason, marked_at, marked_org, ended_at';

/** A marking as COLUMNS select it. */
interface WithholdingRow {
  id: string;
  child_id: string;
  agency: Agency;
  category: DataCategory;
  reason: string;
  marked_at: Date;
  marked_org: string;
  ended_at: Date | null;
}

function out(r: WithholdingRow) {
  const ts = (t: Date | null) => (t ? new Date(t).toISOString() : null);
  return {
    id: r.id,
    childId: r.child_id,
    agency: r.agency,
    category: r.category,
    reason: r.reason,
    markedAt: new Date(r.marked_at).toISOString(),
    markedOrg: r.marked_org,
    endedAt: ts(r.ended_at),
  };
}

function checkCategory(value: unknown): DataCategory {
  if (value === 'SAFEGUARDING')
    throw badInput('input.category', 'child protection information is always closed to the family; no marking is needed');
  if (value === 'FAMILY') throw badInput('input.category', "the family's own words are never withheld from them");
  if (!isCode(AGENCY_RECORD_CATEGORIES, value)) throw badInput('input.category', `must be one of ${AGENCY_RECORD_CATEGORIES.join(', ')}`);
  return value;
}

async function requireWorksWith(ctx: Ctx, childId: string, why: string, recordId?: string) {
  await requireToActForFamily(ctx, childId, RECORD.familyWithholding, recordId ? 'END' : 'CREATE', why, recordId);
}

export const familyWithholdingResolvers: Resolvers = {
  Query: {
    familyWithholdings: async (_, { childId }, ctx) => {
      const id = checkId('childId', childId);
      const { v } = await visibilityOf(ctx, id);
      requireOwnRelationship(
        ctx,
        id,
        v,
        RECORD.familyWithholding,
        'READ',
        'only a professional with a current relationship to the child sees its markings',
      );
      const rows = await ctx.db.query<WithholdingRow>(
        `SELECT ${COLUMNS} FROM family_withholding WHERE child_id = $1 AND ended_at IS NULL ORDER BY marked_at`,
        [id],
      );
      auditRead(
        ctx,
        id,
        RECORD.familyWithholding,
        'RELATIONSHIP',
        rows.map((r) => r.id),
      );
      return rows.map(out);
    },
  },
  Mutation: {
    withholdFromFamily: async (_, { input, idempotencyKey }, ctx) => {
      const childId = checkId('input.childId', input?.childId);
      const category = checkCategory(input?.category);
      const reason = checkReason('input.reason', input?.reason, 10);
      const key = checkIdempotencyKey(idempotencyKey);
      await requireWorksWith(
        ctx,
        childId,
        'only a professional with a current relationship to the child marks what the family may not see',
      );
      const id = randomUUID();
      const inserted = await auditedWrite<WithholdingRow>(
        ctx,
        `INSERT INTO family_withholding (id, child_id, agency, category, reason, marked_by, marked_org, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (marked_by, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
        [id, childId, ctx.caller.agency, category, reason, ctx.caller.sub, ctx.caller.org, key],
        [permitted(childId, RECORD.familyWithholding, 'CREATE', 'RELATIONSHIP', id)],
      );
      if (inserted.length) return out(inserted[0]);
      const [first] = await ctx.db.query<WithholdingRow>(
        `SELECT ${COLUMNS} FROM family_withholding WHERE marked_by = $1 AND idempotency_key = $2`,
        [ctx.caller.sub, key],
      );
      if (first.child_id !== childId || first.category !== category)
        throw badInput('idempotencyKey', 'was already used for a different marking');
      return out(first);
    },
    endFamilyWithholding: async (_, args, ctx) => {
      const id = checkId('id', args.id);
      // Another agency's marking, an ended one and an unknown id get the same answer.
      const [target] = await ctx.db.query<{ child_id: string }>(
        'SELECT child_id FROM family_withholding WHERE id = $1 AND agency = $2 AND ended_at IS NULL',
        [id, ctx.caller.agency],
      );
      if (!target) throw badInput('id', "is not a current marking of your agency's");
      await requireWorksWith(ctx, target.child_id, 'only a professional with a current relationship to the child ends a marking', id);
      const rows = await auditedWrite<WithholdingRow>(
        ctx,
        `UPDATE family_withholding SET ended_at = now(), ended_by = $2 WHERE id = $1 AND ended_at IS NULL RETURNING ${COLUMNS}`,
        [id, ctx.caller.sub],
        [permitted(target.child_id, RECORD.familyWithholding, 'END', 'RELATIONSHIP', id)],
      );
      if (!rows.length) throw badInput('id', "is not a current marking of your agency's");
      return out(rows[0]);
    },
  },
};

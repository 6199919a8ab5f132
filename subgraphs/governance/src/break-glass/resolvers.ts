// Break glass: a professional's safeguarding override, for a stated reason and a limited time,
// flagged for a privacy officer's review. Also the privacy officer's entry to a child's audit trail.
import { randomUUID } from 'node:crypto';
import { auditedWrite } from '@hub/host/subgraph';
import { badInput, forbidden } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { permitted, RECORD } from '../audit';
import { checkId, checkReason } from '../validate';
import type { Resolvers } from '../generated/graphql';

/** A break-glass access as its table holds it. */
export interface BreakGlassRow {
  id: string;
  child_id: string;
  user_sub: string;
  user_org: string;
  reason: string;
  started_at: Date;
  expires_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_outcome: string | null;
}

export function breakGlassOut(r: BreakGlassRow) {
  const ts = (t: Date | null) => (t ? new Date(t).toISOString() : null);
  return {
    id: r.id,
    childId: r.child_id,
    userSub: r.user_sub,
    userOrg: r.user_org,
    reason: r.reason,
    startedAt: new Date(r.started_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    reviewedAt: ts(r.reviewed_at),
    reviewedBy: r.reviewed_by,
    reviewOutcome: r.review_outcome,
  };
}

export const breakGlassResolvers: Resolvers = {
  Query: {
    breakGlassEvents: async (_, { pendingOnly }, ctx) => {
      const rows = (
        await ctx.db.query<BreakGlassRow>(
          `SELECT * FROM break_glass ${pendingOnly ? 'WHERE reviewed_at IS NULL' : ''} ORDER BY started_at DESC LIMIT 1000`,
        )
      ).map(breakGlassOut);
      ctx.audit!.add(...rows.map((r) => permitted(r.childId, RECORD.breakGlass, 'READ', 'ROLE', r.id)));
      return rows;
    },
    auditTrail: (_, { childId }, ctx) => {
      const id = checkId('childId', childId);
      ctx.audit!.add(permitted(id, RECORD.auditTrail, 'READ', 'ROLE'));
      return { childId: id };
    },
  },
  Mutation: {
    breakGlass: async (_, args, ctx) => {
      const childId = checkId('childId', args.childId);
      const reason = checkReason('reason', args.reason, 10);
      if (!Number.isInteger(args.minutes) || args.minutes < 1 || args.minutes > 240) throw badInput('minutes', 'must be 1 to 240');
      const key = checkIdempotencyKey(args.idempotencyKey);
      // An unknown child cannot be broken into; the attempt is refused, and it is the caller's own
      // accountable act (every break glass is reviewed), not a silent probe.
      const known = await ctx.db.query('SELECT 1 FROM child WHERE id = $1', [childId]);
      if (!known.length) throw badInput('childId', 'is not a registered child');
      const id = randomUUID();
      const inserted = await auditedWrite<BreakGlassRow>(
        ctx,
        `INSERT INTO break_glass (id, child_id, user_sub, user_org, user_roles, reason, started_at, expires_at, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now() + make_interval(mins => $7), $8)
         ON CONFLICT (user_sub, idempotency_key) DO NOTHING RETURNING *`,
        [id, childId, ctx.caller.sub, ctx.caller.org, ctx.caller.roles, reason, args.minutes, key],
        [permitted(childId, RECORD.breakGlass, 'CREATE', 'ROLE', id)],
      );
      if (inserted.length) return breakGlassOut(inserted[0]);
      const [first] = await ctx.db.query<BreakGlassRow>('SELECT * FROM break_glass WHERE user_sub = $1 AND idempotency_key = $2', [
        ctx.caller.sub,
        key,
      ]);
      if (first.child_id !== childId) throw badInput('idempotencyKey', 'was already used for a different break glass');
      return breakGlassOut(first);
    },
    reviewBreakGlass: async (_, args, ctx) => {
      const id = checkId('id', args.id);
      const outcome = checkReason('outcome', args.outcome, 3);
      const [target] = await ctx.db.query<{ child_id: string; user_sub: string }>(
        'SELECT child_id, user_sub FROM break_glass WHERE id = $1',
        [id],
      );
      if (!target) throw badInput('id', 'is not a break-glass access awaiting review');
      if (target.user_sub === ctx.caller.sub) throw forbidden('ROLE', 'a break glass is reviewed by someone other than who broke it');
      const rows = await auditedWrite<BreakGlassRow>(
        ctx,
        'UPDATE break_glass SET reviewed_at = now(), reviewed_by = $2, review_outcome = $3, reason_withheld_from_family = $4 WHERE id = $1 AND reviewed_at IS NULL RETURNING *',
        [id, ctx.caller.sub, outcome, args.reasonWithheldFromFamily === true],
        [permitted(target.child_id, RECORD.breakGlass, 'REVIEW', 'ROLE', id)],
      );
      if (!rows.length) throw badInput('id', 'is not a break-glass access awaiting review');
      return breakGlassOut(rows[0]);
    },
  },
};

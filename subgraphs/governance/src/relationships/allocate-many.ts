// allocateMany: allocate for a source system's whole extract (up to 1,000 allocations) in three
// statements, not three per allocation. Each item carries its own idempotency key, required here:
// a retried extract finds the allocations its first attempt made. New rows and their audit record
// are one statement (auditedWrite), as for allocate.
import { randomUUID } from 'node:crypto';
import { auditedWrite } from '@hub/host/subgraph';
import { badInput } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { hasRole } from '@hub/guard/identity';
import { permitted, RECORD } from '../audit';
import { checkAllocation } from './allocation-input';
import { RELATIONSHIP_COLUMNS, relationshipOut, type RelationshipRow } from './repository';
import type { Resolvers } from '../generated/graphql';

const MAX = 1000;

export const allocateManyResolvers: Resolvers = {
  Mutation: {
    allocateMany: async (_, { inputs }, ctx) => {
      if (inputs.length > MAX) throw badInput('inputs', `may hold at most ${MAX} allocations`);
      const items = inputs.map((input, i) => {
        const key = checkIdempotencyKey(input.idempotencyKey);
        if (!key) throw badInput(`inputs[${i}].idempotencyKey`, 'is required');
        return { ...checkAllocation(input, `inputs[${i}]`, ctx.caller.sub), key };
      });
      if (new Set(items.map((i) => i.key)).size !== items.length) throw badInput('inputs', 'holds the same idempotencyKey twice');
      const known = new Set(
        (await ctx.db.query<{ id: string }>('SELECT id FROM child WHERE id = ANY($1::uuid[])', [items.map((i) => i.childId)])).map(
          (r) => r.id,
        ),
      );
      items.forEach((item, i) => {
        if (!known.has(item.childId)) throw badInput(`inputs[${i}].childId`, 'is not a registered child');
      });
      const by = ctx.caller.sub;
      const existing = await ctx.db.query<RelationshipRow & { idempotency_key: string }>(
        `SELECT ${RELATIONSHIP_COLUMNS}, idempotency_key FROM relationship WHERE created_by = $1 AND idempotency_key = ANY($2::text[])`,
        [by, items.map((i) => i.key)],
      );
      const rows = new Map(existing.map((r) => [r.idempotency_key as string, r]));
      items.forEach((item, i) => {
        const r = rows.get(item.key);
        if (r && (r.child_id !== item.childId || r.user_sub !== item.userSub))
          throw badInput(`inputs[${i}].idempotencyKey`, 'was already used for a different allocation');
      });
      const fresh = items.filter((i) => !rows.has(i.key)).map((i) => ({ ...i, id: randomUUID() }));
      if (fresh.length) {
        // The allocation is to the creator's own agency and organisation, as allocate's.
        const createdAs = hasRole(ctx.caller, 'integration') ? 'SOURCE_SYSTEM' : 'TEAM_MANAGER';
        const inserted = await auditedWrite<RelationshipRow & { idempotency_key: string }>(
          ctx,
          `INSERT INTO relationship (public_id, child_id, kind, agency, org, user_sub, start_date, end_date, created_by, created_org, created_as, reason, idempotency_key)
           SELECT p, c, 'ALLOCATION', $6, $7, u, s, e, $8, $7, $9, NULL, k FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::date[], $10::text[]) AS t(p, c, u, s, e, k)
           ON CONFLICT (created_by, idempotency_key) DO NOTHING RETURNING ${RELATIONSHIP_COLUMNS}, idempotency_key`,
          [
            fresh.map((f) => f.id),
            fresh.map((f) => f.childId),
            fresh.map((f) => f.userSub),
            fresh.map((f) => f.start),
            fresh.map((f) => f.end),
            ctx.caller.agency,
            ctx.caller.org,
            by,
            createdAs,
            fresh.map((f) => f.key),
          ],
          fresh.map((f) => permitted(f.childId, RECORD.relationship, 'CREATE', 'ROLE', f.id)),
        );
        for (const r of inserted) rows.set(r.idempotency_key, r);
      }
      // A concurrent call with the same keys won the insert: read what it made.
      const raced = items.filter((i) => !rows.has(i.key)).map((i) => i.key);
      if (raced.length)
        for (const r of await ctx.db.query<RelationshipRow & { idempotency_key: string }>(
          `SELECT ${RELATIONSHIP_COLUMNS}, idempotency_key FROM relationship WHERE created_by = $1 AND idempotency_key = ANY($2::text[])`,
          [by, raced],
        ))
          rows.set(r.idempotency_key, r);
      // Every key now has its row: inserted here, found before, or made by the call that won the race
      // (relationships are never deleted).
      return items.map((i) => relationshipOut(rows.get(i.key)!));
    },
  },
};

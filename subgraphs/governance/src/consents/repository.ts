import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import { badInput } from '@hub/guard/errors';
import type { ConsentProvision, Decider } from '@hub/guard/policy/types';
import type { ConsentMethod } from '@hub/schema';
import { permitted, RECORD } from '../audit';

export const CONSENT_SQL = `SELECT k.*, w.withdrawn_at FROM consent k LEFT JOIN consent_withdrawal w ON w.consent_id = k.id`;

/** A consent as CONSENT_SQL selects it. */
export interface ConsentDbRow {
  id: string;
  child_id: string;
  decider: Decider;
  young_person_lacks_capacity: boolean;
  method: ConsentMethod | null;
  given_at: Date;
  withdrawn_at: Date | null;
  recorded_by: string;
  recorded_org: string;
  provisions: ConsentProvision[];
}

export function consentOut(r: ConsentDbRow) {
  return {
    id: r.id,
    childId: r.child_id,
    decider: r.decider,
    youngPersonLacksCapacity: r.young_person_lacks_capacity,
    method: r.method,
    givenAt: new Date(r.given_at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    recordedBy: r.recorded_by,
    recordedOrg: r.recorded_org,
    provisions: r.provisions,
  };
}

export interface ConsentRow {
  id: string;
  childId: string;
  decider: string;
  lacks: boolean;
  givenAt: string;
  method: string;
  sub: string;
  org: string;
  provisions: string;
  key: string | null;
}

/**
 * Inserts the consent, with its audit record in the same statement, unless this user already
 * recorded one with the key; returns its id either way.
 */
export async function insertConsentOnce(ctx: SubgraphContext<unknown>, row: ConsentRow): Promise<string> {
  const inserted = await auditedWrite<{ id: string }>(
    ctx,
    `INSERT INTO consent (id, child_id, decider, young_person_lacks_capacity, given_at, method, recorded_by, recorded_org, provisions, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (recorded_by, idempotency_key) DO NOTHING RETURNING id`,
    [row.id, row.childId, row.decider, row.lacks, row.givenAt, row.method, row.sub, row.org, row.provisions, row.key],
    [permitted(row.childId, RECORD.consent, 'CREATE', 'RELATIONSHIP', row.id)],
  );
  if (inserted.length) return inserted[0].id;
  const [first] = await ctx.db.query<{ id: string; same: boolean }>(
    `SELECT id, (child_id = $3 AND decider = $4 AND provisions = $5::jsonb) AS same FROM consent WHERE recorded_by = $1 AND idempotency_key = $2`,
    [row.sub, row.key, row.childId, row.decider, row.provisions],
  );
  if (!first.same) throw badInput('idempotencyKey', 'was already used for a different consent');
  return first.id;
}

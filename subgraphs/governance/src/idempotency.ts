// Client idempotency keys for writes: a client that did not hear the answer to a write (timeout,
// dropped connection, a service killed mid-request) retries with the same key and gets the record
// the first attempt made, never a second one. The unique index does the work, not a read-then-write.
import { badInput, type Db } from '@hub/common';

const KEY = /^[\w-]{8,100}$/;

export function checkIdempotencyKey(key: unknown): string | null {
  if (key == null) return null;
  if (typeof key !== 'string' || !KEY.test(key)) throw badInput('idempotencyKey', 'must be 8-100 letters, digits, - or _');
  return key;
}

/** Inserts the consent unless this user already recorded one with the key; returns its id either way. */
export async function insertConsentOnce(db: Db, row: { id: string; childId: string; decider: string; lacks: boolean; givenAt: string; sub: string; org: string; provisions: string; key: string | null }): Promise<string> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO consent (id, child_id, decider, young_person_lacks_capacity, given_at, recorded_by, recorded_org, provisions, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (recorded_by, idempotency_key) DO NOTHING RETURNING id`,
    [row.id, row.childId, row.decider, row.lacks, row.givenAt, row.sub, row.org, row.provisions, row.key],
  );
  if (inserted.length) return inserted[0].id;
  const [first] = await db.query<{ id: string; same: boolean }>(
    `SELECT id, (child_id = $3 AND decider = $4 AND provisions = $5::jsonb) AS same FROM consent WHERE recorded_by = $1 AND idempotency_key = $2`,
    [row.sub, row.key, row.childId, row.decider, row.provisions],
  );
  if (!first.same) throw badInput('idempotencyKey', 'was already used for a different consent');
  return first.id;
}

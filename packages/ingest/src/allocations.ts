// The governance calls every agency's ingestion makes for relationships that come from the source
// (allocateMany, endRelationship), as the integration caller so each is a SOURCE_SYSTEM relationship
// in the caller's own agency and organisation. One refusal must not cost the rest of a batch, so a
// failed batch is retried item by item; each item's result is its relationship id, or null.
import type { Caller } from '@hub/guard/identity';
import type { PeerClient } from '@hub/host/peers';

const ALLOCATE_MANY = `mutation($inputs: [AllocationBatchInput!]!) { allocateMany(inputs: $inputs) { id } }`;
/** governance's allocateMany takes at most this many inputs a call. */
const ALLOCATE_BATCH = 1000;
/** endRelationship has no batch form: this many aliased calls go in one round trip. */
const END_BATCH = 100;

/** What a submission did to relationships: allocated, ended, and governance calls that failed (a replay retries them). */
export interface RelationshipSync {
  allocated: number;
  ended: number;
  failed: number;
}

export interface AllocationRequest {
  childId: string;
  userSub: string;
  startDate: string;
  endDate: string | null;
  /** The same source record and professional always give the same key, so a retry finds the first allocation. */
  idempotencyKey: string;
}

export async function allocateFromSource(
  peers: PeerClient,
  caller: Caller,
  requestId: string,
  inputs: AllocationRequest[],
): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(inputs.length).fill(null);
  const send = async (from: number, batch: AllocationRequest[]) => {
    const { allocateMany } = await peers.request<{ allocateMany: { id: string }[] }>(
      'governance',
      ALLOCATE_MANY,
      { inputs: batch },
      { caller, requestId, timeoutMs: 60_000 },
    );
    allocateMany.forEach((r, k) => (out[from + k] = r.id));
  };
  for (let s = 0; s < inputs.length; s += ALLOCATE_BATCH) {
    const batch = inputs.slice(s, s + ALLOCATE_BATCH);
    await send(s, batch).catch(async () => {
      for (const [k, one] of batch.entries()) await send(s + k, [one]).catch(() => undefined);
    });
  }
  return out;
}

/** Ends these relationships at once; each item's relationship id when ended, else null. */
export async function endFromSource(
  peers: PeerClient,
  caller: Caller,
  requestId: string,
  relationshipIds: string[],
): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(relationshipIds.length).fill(null);
  const send = async (batch: number[]) => {
    const doc = `mutation(${batch.map((_, k) => `$id${k}: ID!`).join(', ')}) { ${batch.map((_, k) => `e${k}: endRelationship(id: $id${k}) { id }`).join(' ')} }`;
    const data = await peers.request<Record<string, { id: string } | null>>(
      'governance',
      doc,
      Object.fromEntries(batch.map((i, k) => [`id${k}`, relationshipIds[i]])),
      { caller, requestId, timeoutMs: 60_000 },
    );
    batch.forEach((i, k) => (out[i] = data[`e${k}`]?.id ?? null));
  };
  for (let s = 0; s < relationshipIds.length; s += END_BATCH) {
    const batch = relationshipIds.slice(s, s + END_BATCH).map((_, k) => s + k);
    try {
      await send(batch);
    } catch {
      for (const i of batch) await send([i]).catch(() => undefined);
    }
  }
  return out;
}

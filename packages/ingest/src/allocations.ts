// The governance calls every agency's ingestion makes for relationships that come from the source
// (allocateMany, endRelationship, redateRelationship), as the integration caller so each is a SOURCE_SYSTEM relationship
// in the caller's own agency and organisation. One refusal must not cost the rest of a batch, so a
// failed batch is retried item by item; each item's result is its relationship id, or null.
import { createHash } from 'node:crypto';
import { type Caller } from '@hub/guard/identity';
import { type PeerClient } from '@hub/host/peers';

const ALLOCATE_MANY = `mutation($inputs: [AllocationBatchInput!]!) { allocateMany(inputs: $inputs) { id } }`;
/** governance's allocateMany takes at most this many inputs a call. */
const ALLOCATE_BATCH = 1000;
/** endRelationship and redateRelationship have no batch form: this many aliased calls go in one round trip. */
const END_BATCH = 100;

/** What a submission did to relationships: allocated, ended, and governance calls that failed (a replay retries them). */
export interface RelationshipSync {
  allocated: number;
  ended: number;
  /** Relationships whose end date was moved to the one the source now gives (or removed, when it gives none). */
  redated: number;
  failed: number;
}

/** What a submission with no children to relate did: nothing. */
export const noRelationships = (): RelationshipSync => ({ allocated: 0, ended: 0, redated: 0, failed: 0 });

export interface AllocationRequest {
  childId: string;
  userSub: string;
  startDate: string;
  endDate: string | null;
  /** The same source record and professional always give the same key, so a retry finds the first allocation. */
  idempotencyKey: string;
}

/** An allocation's idempotency key from what makes it itself in the source: the same parts always give the same key. */
export function allocationKey(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)}`;
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

/**
 * A relationship to end at once (the day before today: endRelationship), or whose end date moves to
 * the one the source now gives, none included (redateRelationship).
 */
export interface EndRequest {
  relationshipId: string;
  endDate?: string | null;
}

/** Ends these relationships, or moves their end dates; each item's relationship id when done, else null. */
export async function endFromSource(
  peers: PeerClient,
  caller: Caller,
  requestId: string,
  items: EndRequest[],
  field: 'endRelationship' | 'redateRelationship' = 'endRelationship',
): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(items.length).fill(null);
  const send = async (batch: number[]) => {
    const doc = `mutation(${batch.map((_, k) => `$id${k}: ID!, $end${k}: String`).join(', ')}) { ${batch.map((_, k) => `e${k}: ${field}(id: $id${k}, endDate: $end${k}) { id }`).join(' ')} }`;
    const data = await peers.request<Record<string, { id: string } | null>>(
      'governance',
      doc,
      Object.fromEntries(
        batch.flatMap((i, k) => [
          [`id${k}`, items[i].relationshipId],
          [`end${k}`, items[i].endDate ?? null],
        ]),
      ),
      { caller, requestId, timeoutMs: 60_000 },
    );
    batch.forEach((i, k) => (out[i] = data[`e${k}`]?.id ?? null));
  };
  for (let s = 0; s < items.length; s += END_BATCH) {
    const batch = items.slice(s, s + END_BATCH).map((_, k) => s + k);
    try {
      await send(batch);
    } catch {
      for (const i of batch) await send([i]).catch(() => undefined);
    }
  }
  return out;
}

/**
 * What a source's stored allocations ask of governance, and how each format keeps what was done:
 * `wanted` have no relationship yet, `stale` have one the source no longer sends (or has ended),
 * `redated` have one whose end date the source has since changed or removed.
 */
export interface SourceAllocations<W, S, R = never> {
  wanted: W[];
  request(w: W): AllocationRequest;
  allocated(done: { item: W; relationshipId: string }[]): Promise<unknown>;
  stale: S[];
  relationshipOf(s: S): string;
  ended(gone: S[]): Promise<unknown>;
  redated?: R[];
  moveEnd?(r: R): EndRequest;
  moved?(done: R[]): Promise<unknown>;
}

/** Makes governance's relationships match the source's stored allocations; the same steps for every format. */
export async function syncFromSource<W, S, R = never>(
  peers: PeerClient,
  caller: Caller,
  requestId: string,
  plan: SourceAllocations<W, S, R>,
): Promise<RelationshipSync> {
  const made = await allocateFromSource(peers, caller, requestId, plan.wanted.map(plan.request));
  const done = plan.wanted.flatMap((item, k) => (made[k] ? [{ item, relationshipId: made[k]! }] : []));
  if (done.length) await plan.allocated(done);
  const ended = await endFromSource(
    peers,
    caller,
    requestId,
    plan.stale.map((s) => ({ relationshipId: plan.relationshipOf(s) })),
  );
  const gone = plan.stale.filter((_, k) => ended[k]);
  if (gone.length) await plan.ended(gone);
  const redated = plan.redated ?? [];
  const moved = plan.moveEnd ? await endFromSource(peers, caller, requestId, redated.map(plan.moveEnd), 'redateRelationship') : [];
  const shifted = redated.filter((_, k) => moved[k]);
  if (shifted.length) await plan.moved!(shifted);
  return {
    allocated: done.length,
    ended: gone.length,
    redated: shifted.length,
    failed: plan.wanted.length - done.length + plan.stale.length - gone.length + redated.length - shifted.length,
  };
}

// Every child goes through governance's child index before any record is written: a new NHS
// number registers, a known one links. registerChildren runs as the source system itself (the
// integration caller), up to 1,000 children a round trip; a conflict comes back per child, so it
// is pinned to its entry and nothing is merged.
import type { Caller } from '@hub/guard/identity';
import type { PeerClient } from '@hub/host/peers';

const BATCH = 1000;
const REGISTER = `mutation($inputs: [RegisterChildInput!]!) { registerChildren(inputs: $inputs) { index id conflict } }`;

export interface Registration {
  childOf: Map<string, string>;
  /** NHS numbers that already belong to a different child in the index. */
  conflicts: Set<string>;
}

export async function registerByNhsNumber(
  peers: PeerClient,
  caller: Caller,
  nhsNumbers: string[],
  requestId: string,
): Promise<Registration> {
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  for (let s = 0; s < nhsNumbers.length; s += BATCH) {
    const batch = nhsNumbers.slice(s, s + BATCH);
    const { registerChildren } = await peers.request<{ registerChildren: { index: number; id: string | null; conflict: boolean }[] }>(
      'governance',
      REGISTER,
      { inputs: batch.map((nhsNumber) => ({ nhsNumber })) },
      { caller, requestId, timeoutMs: 60_000 },
    );
    for (const r of registerChildren) {
      if (r.id) childOf.set(batch[r.index], r.id);
      else conflicts.add(batch[r.index]);
    }
  }
  return { childOf, conflicts };
}

// Every child goes through governance's child index before any record is written: a new NHS
// number registers, a known one links. registerChild runs as the source system itself (the
// integration caller), in batches of aliased mutations (one round trip per batch). A batch with a
// conflict is retried one by one, so the conflict is pinned to its entry; nothing is merged.
import { PeerError, type Caller, type PeerClient } from '@hub/common';

const BATCH = 200;

export interface Registration {
  childOf: Map<string, string>;
  /** NHS numbers that already belong to a different child in the index. */
  conflicts: Set<string>;
}

export async function registerByNhsNumber(peers: PeerClient, caller: Caller, nhsNumbers: string[], requestId: string, onProgress?: (done: number) => void): Promise<Registration> {
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  const one = async (batch: string[]) => {
    const vars = batch.map((_, k) => `$i${k}: RegisterChildInput!`).join(', ');
    const fields = batch.map((_, k) => `r${k}: registerChild(input: $i${k}) { id }`).join(' ');
    const data = await peers.request<Record<string, { id: string }>>('governance', `mutation(${vars}) { ${fields} }`, Object.fromEntries(batch.map((n, k) => [`i${k}`, { nhsNumber: n }])), {
      caller,
      requestId,
      timeoutMs: 60_000,
    });
    batch.forEach((n, k) => childOf.set(n, data[`r${k}`].id));
  };
  for (let s = 0; s < nhsNumbers.length; s += BATCH) {
    const batch = nhsNumbers.slice(s, s + BATCH);
    try {
      await one(batch);
    } catch (e) {
      if (!(e instanceof PeerError && e.codes.includes('BAD_USER_INPUT'))) throw e;
      for (const n of batch) {
        try {
          await one([n]);
        } catch (e1) {
          if (e1 instanceof PeerError && e1.codes.includes('BAD_USER_INPUT')) conflicts.add(n);
          else throw e1;
        }
      }
    }
    onProgress?.(Math.min(nhsNumbers.length, s + BATCH));
  }
  return { childOf, conflicts };
}

// Every pupil goes through governance's child index before any record is written: a new UPN
// registers, a known one links, up to 1,000 a round trip, as the source system itself. A conflict
// comes back per pupil, so it is pinned to its Pupil element and nothing is merged.
import type { Caller, PeerClient } from '@hub/common';

const BATCH = 1000;
const REGISTER = `mutation($inputs: [RegisterChildInput!]!) { registerChildren(inputs: $inputs) { index id conflict } }`;

export async function registerByUpn(peers: PeerClient, caller: Caller, upns: string[], requestId: string) {
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  for (let s = 0; s < upns.length; s += BATCH) {
    const batch = upns.slice(s, s + BATCH);
    const { registerChildren } = await peers.request<{ registerChildren: { index: number; id: string | null; conflict: boolean }[] }>(
      'governance', REGISTER, { inputs: batch.map((upn) => ({ upn })) }, { caller, requestId, timeoutMs: 60_000 },
    );
    for (const r of registerChildren) (r.id ? childOf.set(batch[r.index], r.id) : conflicts.add(batch[r.index]));
  }
  return { childOf, conflicts };
}

// Every child goes through governance's child index before any record is written: the LA child id
// (qualified by the LA code) and the UPN where the return gives one. A new child registers, a known
// one links. registerChildren runs as the source system itself (the integration caller), up to 1,000
// children a round trip; a conflict comes back per child, so it is pinned to its Child element and
// nothing is merged.
import type { Caller, PeerClient } from '@hub/common';

const BATCH = 1000;
const REGISTER = `mutation($inputs: [RegisterChildInput!]!) { registerChildren(inputs: $inputs) { index id conflict } }`;

export interface LaChild {
  laChildId: string;
  upn: string | null;
}

export interface Registration {
  /** Hub child id by LA child id (unique within the return's LA). */
  childOf: Map<string, string>;
  /** LA child ids whose identifiers belong to a different child in the index. */
  conflicts: Set<string>;
}

export async function registerByLaChildId(peers: PeerClient, caller: Caller, laCode: string, children: LaChild[], requestId: string): Promise<Registration> {
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  for (let s = 0; s < children.length; s += BATCH) {
    const batch = children.slice(s, s + BATCH);
    const inputs = batch.map((c) => ({ laCode, laChildId: c.laChildId, ...(c.upn ? { upn: c.upn } : {}) }));
    const { registerChildren } = await peers.request<{ registerChildren: { index: number; id: string | null; conflict: boolean }[] }>(
      'governance', REGISTER, { inputs }, { caller, requestId, timeoutMs: 60_000 },
    );
    for (const r of registerChildren) {
      if (r.id) childOf.set(batch[r.index].laChildId, r.id);
      else conflicts.add(batch[r.index].laChildId);
    }
  }
  return { childOf, conflicts };
}

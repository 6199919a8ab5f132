// Every child of a fed return goes through governance's child index before any record is written:
// a new child registers, a known one links. registerChildren runs as the source system itself (the
// integration caller), up to 1,000 children a round trip; a conflict (identifiers already on
// different children) comes back per child, so each format pins it to its record and nothing is merged.
import type { Caller } from '@hub/guard/identity';
import type { PeerClient } from '@hub/host/peers';

const BATCH = 1000;
const REGISTER = `mutation($inputs: [RegisterChildInput!]!) { registerChildren(inputs: $inputs) { index id conflict } }`;

export interface RegisterChildInput {
  nhsNumber?: string;
  upn?: string;
  laCode?: string;
  laChildId?: string;
}

/** The hub child id of each input, in order; null where its identifiers conflict in the index. */
export async function registerInChildIndex(
  peers: PeerClient,
  caller: Caller,
  inputs: RegisterChildInput[],
  requestId: string,
): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for (let s = 0; s < inputs.length; s += BATCH) {
    const batch = inputs.slice(s, s + BATCH);
    const { registerChildren } = await peers.request<{ registerChildren: { index: number; id: string | null; conflict: boolean }[] }>(
      'governance',
      REGISTER,
      { inputs: batch },
      { caller, requestId, timeoutMs: 60_000 },
    );
    for (const r of registerChildren) ids[s + r.index] = r.id;
  }
  return ids;
}

// A CTF pupil is keyed on their UPN; the ingest package's registerInChildIndex links or registers each in
// governance's index. A conflict comes back per pupil, so it is pinned to its Pupil element and
// nothing is merged.
import { registerInChildIndex } from '@hub/ingest/child-index';
import { type Caller } from '@hub/guard/identity';
import { type PeerClient } from '@hub/host/peers';

export async function registerByUpn(peers: PeerClient, caller: Caller, upns: string[], requestId: string) {
  const ids = await registerInChildIndex(
    peers,
    caller,
    upns.map((upn) => ({ upn })),
    requestId,
  );
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  upns.forEach((u, i) => (ids[i] ? childOf.set(u, ids[i]!) : conflicts.add(u)));
  return { childOf, conflicts };
}

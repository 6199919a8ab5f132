// A CIN census child is keyed on its LA child id (qualified by the LA code), with the UPN where the
// return gives one; the ingest package's registerInChildIndex links or registers each in governance's index.
import { registerInChildIndex } from '@hub/ingest/child-index';
import { type Caller } from '@hub/guard/identity';
import { type PeerClient } from '@hub/host/peers';

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

export async function registerByLaChildId(
  peers: PeerClient,
  caller: Caller,
  laCode: string,
  children: LaChild[],
  requestId: string,
): Promise<Registration> {
  const ids = await registerInChildIndex(
    peers,
    caller,
    children.map((c) => ({ laCode, laChildId: c.laChildId, ...(c.upn ? { upn: c.upn } : {}) })),
    requestId,
  );
  const childOf = new Map<string, string>();
  const conflicts = new Set<string>();
  children.forEach((c, i) => (ids[i] ? childOf.set(c.laChildId, ids[i]!) : conflicts.add(c.laChildId)));
  return { childOf, conflicts };
}

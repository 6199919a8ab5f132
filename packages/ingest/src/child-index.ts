// Every child of a fed return goes through governance's child index before any record is written:
// a new child registers, a known one links. registerChildren runs as the source system itself (the
// integration caller), up to 1,000 children a round trip; a conflict (identifiers already on
// different children) comes back per child, so each format pins it to its record and nothing is merged.
import { type Caller } from '@hub/guard/identity';
import { type PeerClient } from '@hub/host/peers';
import { linkConflicts, type IngestIssue } from './issues';

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

/** A child of a submission: the key the format knows it by (NHS number, LA child id, UPN), its position, and what registers it. */
export interface ChildToLink {
  key: string;
  record: number;
  identifiers: RegisterChildInput;
}

/** Where a conflict is reported: the argument, the identifier's name, and each child's record type and field. */
export interface LinkPlace {
  argument: string;
  identifier: string;
  recordType: string;
  field: string;
}

/**
 * Hub child id by key, every child through the child index; or the whole submission's rejection
 * naming each child whose identifiers belong to another child, in the index or (`held`) in this
 * agency's own records. Nothing is merged.
 */
export async function linkChildren(
  ctx: { peers: PeerClient; caller: Caller; requestId: string },
  children: ChildToLink[],
  place: LinkPlace,
  warnings: IngestIssue[],
  held?: (pairs: { childId: string; key: string }[]) => Promise<Set<string>>,
): Promise<Map<string, string>> {
  const ids = await registerInChildIndex(
    ctx.peers,
    ctx.caller,
    children.map((c) => c.identifiers),
    ctx.requestId,
  );
  const childOf = new Map<string, string>();
  children.forEach((c, i) => ids[i] && childOf.set(c.key, ids[i]!));
  const local = held
    ? await held(children.filter((c) => childOf.has(c.key)).map((c) => ({ childId: childOf.get(c.key)!, key: c.key })))
    : new Set();
  const clash = linkConflicts(
    place.argument,
    place.identifier,
    children
      .filter((c) => !childOf.has(c.key) || local.has(c.key))
      .map((c) => ({ record: c.record, recordType: place.recordType, field: place.field })),
    warnings,
  );
  if (clash) throw clash;
  return childOf;
}

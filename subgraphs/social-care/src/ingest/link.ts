// Linking a return's children, the same for every social care return (CIN census, SSDA903): each
// by its LA child id (and UPN) in governance's child index, refused whole when an identifier
// belongs to another child there or here (never merged); and, for a replay, the children the
// earlier submission linked.
import { linkConflicts, type IngestIssue } from '@hub/ingest/issues';
import { type Caller } from '@hub/guard/identity';
import { type Db } from '@hub/runtime/db';
import { type PeerClient } from '@hub/host/peers';
import { registerByLaChildId, type LaChild } from './child-index';
import { conflictingRecords } from './records';

/** Where a conflict is reported: the argument, and each child's record type and identifying field. */
export interface ConflictPlace {
  argument: string;
  recordType: string;
  field: string;
}

/** Hub child id by LA child id, or throws the whole return's rejection naming each conflicting record. */
export async function linkLaChildren(
  ctx: { db: Db; peers: PeerClient; caller: Caller; requestId: string },
  laCode: string,
  children: (LaChild & { record: number })[],
  place: ConflictPlace,
  warnings: IngestIssue[],
): Promise<Map<string, string>> {
  const { childOf, conflicts } = await registerByLaChildId(ctx.peers, ctx.caller, laCode, children, ctx.requestId);
  const local = await conflictingRecords(
    ctx.db,
    laCode,
    children.filter((c) => childOf.has(c.laChildId)).map((c) => ({ childId: childOf.get(c.laChildId)!, laChildId: c.laChildId })),
  );
  const clash = linkConflicts(
    place.argument,
    'the LA child id or UPN',
    children
      .filter((c) => conflicts.has(c.laChildId) || local.has(c.laChildId))
      .map((c) => ({ record: c.record, recordType: place.recordType, field: place.field })),
    warnings,
  );
  if (clash) throw clash;
  return childOf;
}

/** For a replay: hub child id by LA child id of the children this agency already holds. */
export async function linkedLaChildren(db: Db, laCode: string, laChildIds: string[]): Promise<Map<string, string>> {
  const linked = await db.query<{ child_id: string; la_child_id: string }>(
    'SELECT child_id, la_child_id FROM social_care_record WHERE la_code = $1 AND la_child_id = ANY($2::text[])',
    [laCode, laChildIds],
  );
  return new Map(linked.map((r) => [r.la_child_id, r.child_id]));
}

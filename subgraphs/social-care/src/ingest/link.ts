// Linking a return's children, the same for every social care return (CIN census, SSDA903, the
// allocations feed): each by its LA child id (and UPN) in governance's child index, refused whole
// when an identifier belongs to another child there or here (never merged); and, for a replay,
// the children the earlier submission linked.
import { linkChildren } from '@hub/ingest/child-index';
import { type Db } from '@hub/runtime/db';
import { type IngestContext } from '@hub/ingest/pipeline';
import { type IngestIssue } from '@hub/ingest/issues';
import { conflictingRecords } from './records';

export interface LaChild {
  record: number;
  laChildId: string;
  upn: string | null;
}

/** Where a conflict is reported: the argument, and each child's record type and identifying field. */
export interface ConflictPlace {
  argument: string;
  recordType: string;
  field: string;
}

/** A return's children: its LA, each child's position and identifiers, and the warnings a rejection repeats. */
export interface LaReturn {
  laCode: string;
  children: LaChild[];
  issues: { warnings: IngestIssue[] };
}

/** Hub child id by LA child id, or throws the whole return's rejection naming each conflicting record. */
export function linkLaChildren(ctx: IngestContext, r: LaReturn, place: ConflictPlace): Promise<Map<string, string>> {
  return linkChildren(
    ctx,
    r.children.map((c) => ({
      key: c.laChildId,
      record: c.record,
      identifiers: { laCode: r.laCode, laChildId: c.laChildId, ...(c.upn ? { upn: c.upn } : {}) },
    })),
    { ...place, identifier: 'the LA child id or UPN' },
    r.issues.warnings,
    (pairs) => conflictingRecords(ctx.db, r.laCode, pairs),
  );
}

/** For a replay: hub child id by LA child id of the return's children this agency already holds. */
export async function linkedLaChildren(db: Db, r: LaReturn): Promise<Map<string, string>> {
  const linked = await db.query<{ child_id: string; la_child_id: string }>(
    'SELECT child_id, la_child_id FROM social_care_record WHERE la_code = $1 AND la_child_id = ANY($2::text[])',
    [r.laCode, r.children.map((c) => c.laChildId)],
  );
  return new Map(linked.map((l) => [l.la_child_id, l.child_id]));
}

/** Each record's hub child id, by its position in the submission: the result's `linked`. */
export const linkedRecords = (children: { record: number; laChildId: string }[], idOf: Map<string, string>) =>
  children.filter((c) => idOf.has(c.laChildId)).map((c) => ({ record: c.record, childId: idOf.get(c.laChildId)! }));

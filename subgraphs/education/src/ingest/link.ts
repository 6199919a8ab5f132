// Linking a file's pupils, the same for every education feed (SEN2 return, CTF): each by UPN in
// governance's child index, refused whole when a UPN belongs to another child (never merged); and,
// for a replay, the children education already holds under those UPNs.
import { linkChildren } from '@hub/ingest/child-index';
import { type Db } from '@hub/runtime/db';
import { type IngestContext } from '@hub/ingest/pipeline';
import { type IngestIssue } from '@hub/ingest/issues';

export interface UpnRecord {
  record: number;
  upn: string;
}

/** Hub child id by UPN, or throws the whole file's rejection naming each conflicting record. */
export function linkByUpn(
  ctx: IngestContext,
  pupils: UpnRecord[],
  recordType: string,
  warnings: IngestIssue[],
  held?: (pairs: { childId: string; key: string }[]) => Promise<Set<string>>,
): Promise<Map<string, string>> {
  return linkChildren(
    ctx,
    pupils.map((p) => ({ key: p.upn, record: p.record, identifiers: { upn: p.upn } })),
    { argument: 'document', identifier: 'the UPN', recordType, field: 'UPN' },
    warnings,
    held,
  );
}

/** Each record's hub child id, by its position in the file: the result's `linked`. */
export const linkedByUpn = (pupils: UpnRecord[], childOf: Map<string, string>) =>
  pupils.filter((p) => childOf.has(p.upn)).map((p) => ({ record: p.record, childId: childOf.get(p.upn)! }));

/** For a replay: the pupils' hub child ids as education holds them. */
export async function linkedOnReplay(db: Db, pupils: UpnRecord[]) {
  const rows = await db.query<{ child_id: string; upn: string }>('SELECT child_id, upn FROM education_record WHERE upn = ANY($1::text[])', [
    pupils.map((p) => p.upn),
  ]);
  return linkedByUpn(pupils, new Map(rows.map((r) => [r.upn, r.child_id])));
}

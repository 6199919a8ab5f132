// What every social care feed (CIN census, SSDA903) writes the same way: the child's record keyed
// on LA code and LA child id, the sourced periods (CIN episodes, CP plans, looked-after periods),
// and the check that this agency does not already hold the child under another id.
import { closeUnsentSql, tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';

export interface RecordWrite {
  /** Hub child ids, in the order of laChildIds. */
  children: string[];
  laCode: string;
  laChildIds: string[];
  sourceSystem: string;
  submission: string;
  at: string;
}

/** One upsert for every child of the submission; a row changes only when LA, LA child id or source changed. */
export function upsertRecords(q: Db['query'], w: RecordWrite) {
  return q<{ inserted: boolean }>(
    `INSERT INTO social_care_record (child_id, la_code, la_child_id, source_system, submission, source_at)
     SELECT c, $2, l, $4, $5::uuid, $6::timestamptz FROM unnest($1::uuid[], $3::text[]) AS u(c, l)
     ON CONFLICT (child_id) DO UPDATE SET la_code = EXCLUDED.la_code, la_child_id = EXCLUDED.la_child_id,
       source_system = EXCLUDED.source_system, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at
     WHERE (social_care_record.la_code, social_care_record.la_child_id, social_care_record.source_system)
       IS DISTINCT FROM (EXCLUDED.la_code, EXCLUDED.la_child_id, EXCLUDED.source_system)
     RETURNING (xmax = 0) AS inserted`,
    [w.children, w.laCode, w.laChildIds, w.sourceSystem, w.submission, w.at],
  );
}

export interface SourcedPeriod {
  childId: string;
  sourceId: string;
  startDate: string;
  endDate: string | null;
  code?: string;
}

/**
 * Closes this source's periods of the submission's children that it no longer sends, then upserts
 * the ones it sends, ended before open: "one open period per child" is checked row by row, so the
 * open one the source replaced must be gone before the new one lands.
 */
export async function writePeriods(
  q: Db['query'],
  w: Omit<RecordWrite, 'laCode' | 'laChildIds'>,
  table: 'cin_episode' | 'cp_plan' | 'cla_period',
  code: 'primary_need' | 'category' | null,
  rows: SourcedPeriod[],
  counts: IngestCounts,
) {
  const closed = await q(closeUnsentSql(table), [w.sourceSystem, w.children, w.submission, w.at, rows.map((r) => r.sourceId)]);
  counts.closed += closed.length;
  const sorted = [...rows].sort((a, b) => Number(a.endDate === null) - Number(b.endDate === null));
  const done = await q<{ inserted: boolean }>(periodSql(table, code), [
    sorted.map((r) => r.childId),
    sorted.map((r) => r.sourceId),
    sorted.map((r) => r.startDate),
    sorted.map((r) => r.endDate),
    ...(code ? [sorted.map((r) => r.code)] : []),
    w.sourceSystem,
    w.submission,
    w.at,
  ]);
  tallyUpsert(counts, rows.length, done);
}

/**
 * Upsert of sourced periods: $1 child ids, $2 source ids, $3 starts, $4 ends, then $5 codes when the
 * table has a code column (cin_episode, cp_plan; cla_period has none), then source system, submission, time.
 */
export function periodSql(table: 'cin_episode' | 'cp_plan' | 'cla_period', code: 'primary_need' | 'category' | null) {
  const n = code ? 6 : 5;
  const cols = ['child_id', 'start_date', 'end_date', ...(code ? [code] : [])];
  return `
  INSERT INTO ${table} (child_id, source_id, start_date, end_date${code ? `, ${code}` : ''}, source_system, submission, source_at)
  SELECT c, s, b, e${code ? ', k' : ''}, $${n}, $${n + 1}::uuid, $${n + 2}::timestamptz
  FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]${code ? ', $5::text[]' : ''}) WITH ORDINALITY AS u(c, s, b, e${code ? ', k' : ''}, n)
  ORDER BY n
  ON CONFLICT (source_system, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
    ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at, closed_at = NULL
  WHERE (${[...cols, 'closed_at'].map((c) => `${table}.${c}`).join(', ')})
    IS DISTINCT FROM (${cols.map((c) => `EXCLUDED.${c}`).join(', ')}, NULL::timestamptz)
  RETURNING (xmax = 0) AS inserted`;
}

/** LA child ids this agency already holds under another hub id (or a child held under another id): a conflict, never merged. */
export async function conflictingRecords(db: Db, laCode: string, pairs: { childId: string; laChildId: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ la_child_id: string }>(
    `WITH u(c, l) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT u.l AS la_child_id FROM u JOIN social_care_record r ON r.la_code = $3 AND r.la_child_id = u.l WHERE r.child_id <> u.c
     UNION SELECT u.l FROM u JOIN social_care_record r ON r.child_id = u.c WHERE (r.la_code, r.la_child_id) <> ($3, u.l)`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.laChildId), laCode],
  );
  return new Set(rows.map((r) => r.la_child_id));
}

// What every social care feed (CIN census, SSDA903) writes the same way: the child's record keyed
// on LA code and LA child id, the sourced periods (CIN episodes, CP plans, looked-after periods),
// and the check that this agency does not already hold the child under another id.
import { tallyUpsert } from '@hub/ingest/tables';
import { writeSourced, type SourcedTable, type SourcedWrite } from '@hub/ingest/sourced';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';

/** One upsert for every child of the submission; a row changes only when LA, LA child id or source changed. */
export async function writeRecords(
  q: Db['query'],
  w: SourcedWrite,
  laCode: string,
  kids: { childId: string; laChildId: string }[],
  counts: IngestCounts,
) {
  const rows = await q<{ inserted: boolean }>(
    `INSERT INTO social_care_record (child_id, la_code, la_child_id, source_system, submission, source_at)
     SELECT c, $2, l, $4, $5::uuid, $6::timestamptz FROM unnest($1::uuid[], $3::text[]) AS u(c, l)
     ON CONFLICT (child_id) DO UPDATE SET la_code = EXCLUDED.la_code, la_child_id = EXCLUDED.la_child_id,
       source_system = EXCLUDED.source_system, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at
     WHERE (social_care_record.la_code, social_care_record.la_child_id, social_care_record.source_system)
       IS DISTINCT FROM (EXCLUDED.la_code, EXCLUDED.la_child_id, EXCLUDED.source_system)
     RETURNING (xmax = 0) AS inserted`,
    [kids.map((k) => k.childId), laCode, kids.map((k) => k.laChildId), w.sourceSystem, w.submission, w.at],
  );
  tallyUpsert(counts, kids.length, rows);
}

export interface SourcedPeriod {
  childId: string;
  sourceId: string;
  startDate: string;
  endDate: string | null;
  code?: string;
}

const PERIOD_CODE = { cin_episode: 'primary_need', cp_plan: 'category', cla_period: null } as const;

/** A sourced period table (CIN episodes, CP plans, looked-after periods); cla_period has no code column. */
function periodTable(table: keyof typeof PERIOD_CODE): SourcedTable<SourcedPeriod> {
  const code = PERIOD_CODE[table];
  const cols = ['child_id', 'start_date', 'end_date', ...(code ? [code] : [])];
  return {
    table,
    columns: [
      ['child_id', 'uuid', (r) => r.childId],
      ['source_id', 'text', (r) => r.sourceId],
      ['start_date', 'date', (r) => r.startDate],
      ['end_date', 'date', (r) => r.endDate],
      ...(code ? [[code, 'text', (r: SourcedPeriod) => r.code] as const] : []),
    ],
    update: cols,
  };
}

/**
 * Closes this source's periods of the submission's children that it no longer sends, then upserts
 * the ones it sends, ended before open: "one open period per child" is checked row by row, so the
 * open one the source replaced must be gone before the new one lands.
 */
export async function writePeriods(
  q: Db['query'],
  w: SourcedWrite,
  table: keyof typeof PERIOD_CODE,
  rows: SourcedPeriod[],
  counts: IngestCounts,
) {
  const sorted = [...rows].sort((a, b) => Number(a.endDate === null) - Number(b.endDate === null));
  await writeSourced(q, periodTable(table), sorted, w, counts);
}

/** LA child ids this agency already holds under another hub id (or a child held under another id): a conflict, never merged. */
export async function conflictingRecords(db: Db, laCode: string, pairs: { childId: string; key: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ la_child_id: string }>(
    `WITH u(c, l) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT u.l AS la_child_id FROM u JOIN social_care_record r ON r.la_code = $3 AND r.la_child_id = u.l WHERE r.child_id <> u.c
     UNION SELECT u.l FROM u JOIN social_care_record r ON r.child_id = u.c WHERE (r.la_code, r.la_child_id) <> ($3, u.l)`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.key), laCode],
  );
  return new Set(rows.map((r) => r.la_child_id));
}

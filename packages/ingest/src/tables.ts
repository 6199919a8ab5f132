// What every agency's ingestion keeps in its own database, one definition for all: the submission
// (source system, content hash, when, counts), the provenance columns a fed record carries, the
// "closed, not deleted" step for records the source no longer sends, and the replay look-up.
import type { Db } from '@hub/runtime/db';
import type { IngestCounts } from './issues';

/** One row per accepted submission; (source system, content hash) is what makes a replay a replay. */
export const INGEST_SUBMISSION_TABLE_SQL = `
  CREATE TABLE ingest_submission (
    id uuid PRIMARY KEY,
    source_system text NOT NULL,
    submission_id text NOT NULL,
    content_hash char(64) NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    summary jsonb NOT NULL,
    UNIQUE (source_system, content_hash)
  );`;

/**
 * Which system and submission last wrote a record, its id in that system (so a replay updates in
 * place), and when the source stopped sending it (closed, not deleted).
 */
export const sourcedColumnsSql = (table: string) => `
  ALTER TABLE ${table} ADD COLUMN source_system text, ADD COLUMN source_id text, ADD COLUMN submission uuid REFERENCES ingest_submission(id),
    ADD COLUMN source_at timestamptz, ADD COLUMN closed_at timestamptz;
  CREATE UNIQUE INDEX ${table}_source ON ${table} (source_system, source_id) WHERE source_id IS NOT NULL;
  CREATE INDEX ${table}_source_child ON ${table} (child_id, source_system) WHERE source_id IS NOT NULL;`;

/**
 * Closes this source's open records of these children that the submission no longer sends:
 * $1 source system, $2 child ids, $3 submission, $4 time, $5 the source ids it did send. `scope`
 * limits it to the records the submission covers, for a return that reports a period (SEN2: the
 * requests of one year), so last year's records are not closed by this year's return.
 */
export const closeUnsentSql = (table: string, scope = 'TRUE') => `UPDATE ${table} SET closed_at = $4, submission = $3
  WHERE source_system = $1 AND child_id = ANY($2::uuid[]) AND source_id IS NOT NULL AND closed_at IS NULL AND NOT (source_id = ANY($5::text[]))
    AND (${scope})
  RETURNING 1`;

/** A submission with these exact bytes from this source, already committed. */
export async function priorSubmission(db: Db, sourceSystem: string, hash: string) {
  const [row] = await db.query<{ id: string; submission_id: string; received_at: Date; summary: Record<string, number> }>(
    'SELECT id, submission_id, received_at, summary FROM ingest_submission WHERE source_system = $1 AND content_hash = $2',
    [sourceSystem, hash],
  );
  return row;
}

/**
 * Inside a submission's transaction: its row first (the summary is filled in at the end), and the
 * time every record it writes is stamped with (`source_at`).
 */
export async function insertSubmission(
  q: Db['query'],
  id: string,
  sourceSystem: string,
  submissionId: string,
  hash: string,
): Promise<string> {
  const [{ received_at }] = await q<{ received_at: Date }>(
    `INSERT INTO ingest_submission (id, source_system, submission_id, content_hash, summary) VALUES ($1, $2, $3, $4, '{}') RETURNING received_at`,
    [id, sourceSystem, submissionId, hash],
  );
  return received_at.toISOString();
}

/** Counts an upsert of `sent` records that returned `rows` (those it changed): inserted are created, the other returned updated, the rest unchanged. */
export function tallyUpsert(counts: IngestCounts, sent: number, rows: { inserted: boolean }[]): void {
  const created = rows.filter((r) => r.inserted).length;
  counts.created += created;
  counts.updated += rows.length - created;
  counts.unchanged += sent - rows.length;
}

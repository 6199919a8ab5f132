// Case allocations: written inside the submission's transaction (writeAllocations), then turned
// into governance relationships after it commits (syncCaseAllocations, the ingest package's syncFromSource). The
// sync works from what is stored, so a replay of the same submission finishes what a failed run left.
import { allocationKey, syncFromSource, noRelationships, type RelationshipSync } from '@hub/ingest/allocations';
import { writeSourced, type SourcedTable, type SourcedWrite } from '@hub/ingest/sourced';
import { type Db } from '@hub/runtime/db';
import { type IngestContext } from '@hub/ingest/pipeline';
import { type IngestCounts } from '@hub/ingest/issues';
import type { AllocationIn } from './feed';

type Row = AllocationIn & { childId: string };

/** A row the source sends again after closing it gets a fresh relationship; one still open keeps its own. */
const CASE_ALLOCATION: SourcedTable<Row> = {
  table: 'case_allocation',
  columns: [
    ['child_id', 'uuid', (r) => r.childId],
    ['source_id', 'text', (r) => r.sourceId],
    ['user_sub', 'text', (r) => r.userSub],
    ['start_date', 'date', (r) => r.startDate],
    ['end_date', 'date', (r) => r.endDate],
  ],
  update: ['end_date'],
  alsoSet: `relationship_id = CASE WHEN case_allocation.relationship_ended_at IS NULL THEN case_allocation.relationship_id END,
    relationship_ended_at = NULL`,
};

/** One close and one upsert for the whole feed; the children's allocations it does not list are closed. */
export async function writeAllocations(q: Db['query'], w: SourcedWrite, rows: Row[], counts: IngestCounts) {
  await writeSourced(q, CASE_ALLOCATION, rows, w, counts);
}

/**
 * An open allocation without a relationship gets one (allocateMany, as the LA's source system, so
 * it is a SOURCE_SYSTEM ALLOCATION in the LA's own organisation); a relationship whose allocation
 * the source closed or ended is ended; one whose end date the source moved (still to come) or
 * removed takes the new end date, or none.
 */
export async function syncCaseAllocations(ctx: IngestContext, children: string[]): Promise<RelationshipSync> {
  if (!children.length) return noRelationships();
  const { db, caller, requestId } = ctx;
  const sourceSystem = caller.sub;
  const wanted = await db.query<{
    id: string;
    child_id: string;
    source_id: string;
    submission: string;
    user_sub: string;
    start_date: string;
    end_date: string | null;
  }>(
    `SELECT id, child_id, source_id, submission, user_sub, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM case_allocation
      WHERE source_system = $1 AND child_id = ANY($2::uuid[]) AND closed_at IS NULL AND relationship_id IS NULL
        AND (end_date IS NULL OR end_date >= current_date)`,
    [sourceSystem, children],
  );
  const stale = await db.query<{ id: string; relationship_id: string }>(
    `SELECT id, relationship_id FROM case_allocation
      WHERE source_system = $1 AND child_id = ANY($2::uuid[]) AND relationship_id IS NOT NULL AND relationship_ended_at IS NULL
        AND (closed_at IS NOT NULL OR end_date < current_date)`,
    [sourceSystem, children],
  );
  // The source moved (still to come) or removed the end date of an allocation governance holds: the relationship follows.
  const redated = await db.query<{ id: string; relationship_id: string; end_date: string | null }>(
    `SELECT id, relationship_id, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM case_allocation
      WHERE source_system = $1 AND child_id = ANY($2::uuid[]) AND relationship_id IS NOT NULL AND relationship_ended_at IS NULL
        AND closed_at IS NULL AND (end_date IS NULL OR end_date >= current_date) AND end_date IS DISTINCT FROM relationship_end_date`,
    [sourceSystem, children],
  );
  return syncFromSource(ctx.peers, caller, requestId, {
    wanted,
    request: (w) => ({
      childId: w.child_id,
      userSub: w.user_sub,
      startDate: w.start_date,
      endDate: w.end_date,
      // Stable across retries of one submission; a row reopened by a later submission gets a new one.
      idempotencyKey: allocationKey('cin', sourceSystem, w.source_id, w.submission),
    }),
    allocated: (done) =>
      db.query(
        'UPDATE case_allocation a SET relationship_id = t.r, relationship_end_date = a.end_date FROM unnest($1::bigint[], $2::text[]) AS t(i, r) WHERE a.id = t.i',
        [done.map((d) => d.item.id), done.map((d) => d.relationshipId)],
      ),
    stale,
    relationshipOf: (s) => s.relationship_id,
    ended: (gone) =>
      db.query('UPDATE case_allocation SET relationship_ended_at = now() WHERE id = ANY($1::bigint[])', [gone.map((s) => s.id)]),
    redated,
    moveEnd: (r) => ({ relationshipId: r.relationship_id, endDate: r.end_date }),
    moved: (done) =>
      db.query(
        'UPDATE case_allocation a SET relationship_end_date = t.e FROM unnest($1::bigint[], $2::date[]) AS t(i, e) WHERE a.id = t.i',
        [done.map((r) => r.id), done.map((r) => r.end_date)],
      ),
  });
}

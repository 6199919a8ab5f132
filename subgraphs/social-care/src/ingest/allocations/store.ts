// Case allocations: written inside the census's transaction (writeAllocations), then turned into
// governance relationships after it commits (syncCaseAllocations). The sync works from what is
// stored, so a replay of the same submission finishes what a failed run left.
import { createHash } from 'node:crypto';
import { allocateFromSource, endFromSource, type RelationshipSync } from '@hub/ingest/allocations';
import { closeUnsentSql, tallyUpsert } from '@hub/ingest/tables';
import { type Caller } from '@hub/guard/identity';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { type PeerClient } from '@hub/host/peers';
import type { AllocationIn } from './feed';

export interface AllocationWrite {
  sourceSystem: string;
  /** Hub child ids of every Child in the return: their allocations not in the feed are closed. */
  children: string[];
  submission: string;
  at: string;
}

/** One close and one upsert for the whole feed. A row the source sends again after closing gets a fresh relationship. */
export async function writeAllocations(
  q: Db['query'],
  w: AllocationWrite,
  rows: (AllocationIn & { childId: string })[],
  counts: IngestCounts,
) {
  const closed = await q(closeUnsentSql('case_allocation'), [w.sourceSystem, w.children, w.submission, w.at, rows.map((r) => r.sourceId)]);
  counts.closed += closed.length;
  const done = await q<{ inserted: boolean }>(
    `INSERT INTO case_allocation (child_id, source_id, user_sub, start_date, end_date, source_system, submission, source_at)
     SELECT c, s, u, b, e, $6, $7::uuid, $8::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[]) AS t(c, s, u, b, e)
     ON CONFLICT (source_system, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
       end_date = EXCLUDED.end_date, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at, closed_at = NULL,
       relationship_id = CASE WHEN case_allocation.relationship_ended_at IS NULL THEN case_allocation.relationship_id END,
       relationship_ended_at = NULL
     WHERE (case_allocation.end_date, case_allocation.closed_at) IS DISTINCT FROM (EXCLUDED.end_date, NULL::timestamptz)
     RETURNING (xmax = 0) AS inserted`,
    [
      rows.map((r) => r.childId),
      rows.map((r) => r.sourceId),
      rows.map((r) => r.userSub),
      rows.map((r) => r.startDate),
      rows.map((r) => r.endDate),
      w.sourceSystem,
      w.submission,
      w.at,
    ],
  );
  tallyUpsert(counts, rows.length, done);
}

/**
 * An open allocation without a relationship gets one (allocateMany, as the LA's source system, so
 * it is a SOURCE_SYSTEM ALLOCATION in the LA's own organisation); a relationship whose allocation
 * the source closed or ended is ended.
 */
export async function syncCaseAllocations(
  db: Db,
  peers: PeerClient,
  caller: Caller,
  sourceSystem: string,
  children: string[],
  requestId: string,
): Promise<RelationshipSync> {
  const result: RelationshipSync = { allocated: 0, ended: 0, failed: 0 };
  if (!children.length) return result;
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
  const made = await allocateFromSource(
    peers,
    caller,
    requestId,
    wanted.map((w) => ({
      childId: w.child_id,
      userSub: w.user_sub,
      startDate: w.start_date,
      endDate: w.end_date,
      // Stable across retries of one submission; a row reopened by a later submission gets a new one.
      idempotencyKey: 'cin-' + createHash('sha256').update(`${sourceSystem}|${w.source_id}|${w.submission}`).digest('hex').slice(0, 40),
    })),
  );
  const ok = wanted.map((w, k) => ({ id: w.id, rel: made[k] })).filter((x) => x.rel);
  if (ok.length)
    await db.query('UPDATE case_allocation a SET relationship_id = t.r FROM unnest($1::bigint[], $2::text[]) AS t(i, r) WHERE a.id = t.i', [
      ok.map((x) => x.id),
      ok.map((x) => x.rel),
    ]);
  const ended = await endFromSource(
    peers,
    caller,
    requestId,
    stale.map((s) => s.relationship_id),
  );
  const gone = stale.filter((_, k) => ended[k]).map((s) => s.id);
  if (gone.length) await db.query('UPDATE case_allocation SET relationship_ended_at = now() WHERE id = ANY($1::bigint[])', [gone]);
  result.allocated = ok.length;
  result.ended = gone.length;
  result.failed = wanted.length - ok.length + stale.length - gone.length;
  return result;
}

// Relationships from the source: the care manager an EpisodeOfCare names gets an ALLOCATION to
// the child in governance, and an allocation the source no longer sends (episode gone, ended, or a
// different care manager) is ended, and one whose end date the source has moved or removed gets the
// new end date, or none: the ingest package's syncFromSource, from what is stored (source_allocation keeps what the
// hub asked for), so a replay finishes what a failed run left.
import { allocationKey, noRelationships, syncFromSource, type RelationshipSync } from '@hub/ingest/allocations';
import { type IngestContext } from '@hub/ingest/pipeline';

export async function syncAllocations(ctx: IngestContext, children: string[]): Promise<RelationshipSync> {
  if (!children.length) return noRelationships();
  const { db, caller, requestId } = ctx;
  const sourceSystem = caller.sub;
  const wanted = await db.query<{ child_id: string; source_id: string; care_manager: string; start_date: string; end_date: string | null }>(
    `SELECT e.child_id, e.source_id, e.care_manager, e.start_date, e.end_date FROM therapy_episode e
      WHERE e.source_system = $1 AND e.child_id = ANY($2::uuid[]) AND e.closed_at IS NULL AND e.care_manager IS NOT NULL
        AND (e.end_date IS NULL OR e.end_date >= current_date)
        AND NOT EXISTS (SELECT 1 FROM source_allocation a WHERE a.source_system = e.source_system AND a.episode_source_id = e.source_id AND a.user_sub = e.care_manager AND a.ended_at IS NULL)`,
    [sourceSystem, children],
  );
  const stale = await db.query<{ episode_source_id: string; user_sub: string; relationship_id: string }>(
    `SELECT a.episode_source_id, a.user_sub, a.relationship_id FROM source_allocation a
      WHERE a.source_system = $1 AND a.child_id = ANY($2::uuid[]) AND a.ended_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM therapy_episode e WHERE e.source_system = a.source_system AND e.source_id = a.episode_source_id AND e.care_manager = a.user_sub
                          AND e.closed_at IS NULL AND (e.end_date IS NULL OR e.end_date >= current_date))`,
    [sourceSystem, children],
  );
  // The source moved (still to come) or removed the end date of an episode whose relationship governance holds: the relationship follows.
  const redated = await db.query<{ episode_source_id: string; user_sub: string; relationship_id: string; end_date: string | null }>(
    `SELECT a.episode_source_id, a.user_sub, a.relationship_id, to_char(e.end_date, 'YYYY-MM-DD') AS end_date
       FROM source_allocation a JOIN therapy_episode e ON e.source_system = a.source_system AND e.source_id = a.episode_source_id AND e.care_manager = a.user_sub
      WHERE a.source_system = $1 AND a.child_id = ANY($2::uuid[]) AND a.ended_at IS NULL AND e.closed_at IS NULL
        AND (e.end_date IS NULL OR e.end_date >= current_date) AND e.end_date IS DISTINCT FROM a.relationship_end_date`,
    [sourceSystem, children],
  );
  return syncFromSource(ctx.peers, caller, requestId, {
    wanted,
    request: (w) => ({
      childId: w.child_id,
      userSub: w.care_manager,
      startDate: w.start_date,
      endDate: w.end_date,
      // The same episode and professional always give the same key, so a retry finds the first allocation.
      idempotencyKey: allocationKey('fhir', sourceSystem, w.source_id, w.care_manager),
    }),
    allocated: (done) =>
      db.query(
        `INSERT INTO source_allocation (source_system, episode_source_id, user_sub, child_id, relationship_id, relationship_end_date)
         SELECT $1, e, u, c, r, d FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[], $6::date[]) AS t(e, u, c, r, d)
         ON CONFLICT (source_system, episode_source_id, user_sub) DO UPDATE
           SET relationship_id = EXCLUDED.relationship_id, relationship_end_date = EXCLUDED.relationship_end_date, ended_at = NULL, allocated_at = now()`,
        [
          sourceSystem,
          done.map((d) => d.item.source_id),
          done.map((d) => d.item.care_manager),
          done.map((d) => d.item.child_id),
          done.map((d) => d.relationshipId),
          done.map((d) => d.item.end_date),
        ],
      ),
    stale,
    relationshipOf: (s) => s.relationship_id,
    ended: (gone) =>
      db.query(
        'UPDATE source_allocation a SET ended_at = now() FROM unnest($2::text[], $3::text[]) AS t(e, u) WHERE a.source_system = $1 AND a.episode_source_id = t.e AND a.user_sub = t.u',
        [sourceSystem, gone.map((s) => s.episode_source_id), gone.map((s) => s.user_sub)],
      ),
    redated,
    moveEnd: (r) => ({ relationshipId: r.relationship_id, endDate: r.end_date }),
    moved: (done) =>
      db.query(
        `UPDATE source_allocation a SET relationship_end_date = t.d FROM unnest($2::text[], $3::text[], $4::date[]) AS t(e, u, d)
          WHERE a.source_system = $1 AND a.episode_source_id = t.e AND a.user_sub = t.u`,
        [sourceSystem, done.map((r) => r.episode_source_id), done.map((r) => r.user_sub), done.map((r) => r.end_date)],
      ),
  });
}

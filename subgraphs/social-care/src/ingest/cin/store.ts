// Writes a checked CIN census return in ONE transaction: the submission row, then one statement per
// table for the whole return (unnest). Each row is keyed on the source's own key (LA, LA child id,
// and the episode's referral date or the plan's start date), so a replay changes nothing and a
// corrected return changes only what changed. Records of this source for the children in the return
// that it no longer sends are closed (closed_at), not deleted. A crash anywhere rolls all of it back.
import { randomUUID } from 'node:crypto';
import { insertSubmission, tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { upsertRecords, writePeriods } from '../records';
import type { CheckedCensus } from './rules';
import { writeAllocations } from '../allocations/store';
import type { AllocationIn } from '../allocations/feed';

export interface StoreResult {
  submission: string;
  counts: IngestCounts;
}

export async function storeCensus(
  db: Db,
  sourceSystem: string,
  hash: string,
  census: CheckedCensus,
  childOf: Map<string, string>,
  allocations: AllocationIn[] | null = null,
): Promise<StoreResult> {
  const submission = randomUUID();
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const kids = census.children.map((c) => ({ ...c, childId: childOf.get(c.laChildId)! }));
  const children = kids.map((c) => c.childId);
  await db.transaction(async (q) => {
    const at = await insertSubmission(q, submission, sourceSystem, census.submissionId, hash);
    const rec = await upsertRecords(q, {
      children,
      laCode: census.laCode,
      laChildIds: kids.map((c) => c.laChildId),
      sourceSystem,
      submission,
      at,
    });
    tallyUpsert(counts, kids.length, rec);

    const w = { sourceSystem, children, submission, at };
    await writePeriods(
      q,
      w,
      'cin_episode',
      'primary_need',
      kids.flatMap((c) => c.episodes.map((e) => ({ ...e, childId: c.childId, code: e.primaryNeed }))),
      counts,
    );
    await writePeriods(
      q,
      w,
      'cp_plan',
      'category',
      kids.flatMap((c) => c.plans.map((p) => ({ ...p, childId: c.childId, code: p.category }))),
      counts,
    );

    // Disabilities are keyed by (child, code): the register is the set the return lists.
    const dc = kids.flatMap((c) => c.disabilities.map(() => c.childId));
    const dk = kids.flatMap((c) => c.disabilities);
    const closed = await q(
      `UPDATE disability d SET closed_at = $4, submission = $3
       WHERE d.source_system = $1 AND d.child_id = ANY($2::uuid[]) AND d.closed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM unnest($5::uuid[], $6::text[]) AS u(c, k) WHERE u.c = d.child_id AND u.k = d.code)
       RETURNING 1`,
      [sourceSystem, children, submission, at, dc, dk],
    );
    counts.closed += closed.length;
    const dis = await q<{ inserted: boolean }>(
      `INSERT INTO disability (child_id, code, source_system, submission, source_at)
       SELECT c, k, $3, $4::uuid, $5::timestamptz FROM unnest($1::uuid[], $2::text[]) AS u(c, k)
       ON CONFLICT (child_id, code) DO UPDATE SET source_system = EXCLUDED.source_system, submission = EXCLUDED.submission,
         source_at = EXCLUDED.source_at, closed_at = NULL
       WHERE disability.closed_at IS NOT NULL OR disability.source_system IS DISTINCT FROM EXCLUDED.source_system
       RETURNING (xmax = 0) AS inserted`,
      [dc, dk, sourceSystem, submission, at],
    );
    tallyUpsert(counts, dk.length, dis);
    if (allocations)
      await writeAllocations(
        q,
        w,
        allocations.map((a) => ({ ...a, childId: childOf.get(a.laChildId)! })),
        counts,
      );
    await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [submission, JSON.stringify({ ...counts, children: kids.length })]);
  });
  return { submission, counts };
}

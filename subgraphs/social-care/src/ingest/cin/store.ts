// Writes a checked CIN census return inside the submission's transaction (the ingest package's pipeline): the
// children's records, their CIN episodes and CP plans (each keyed on the source's own key: LA, LA
// child id and the referral or plan start date, so a corrected date is a new record and the old one
// is closed), their disabilities, and the allocations feed sent with the return. Records of this
// source for the children in the return that it no longer sends are closed, not deleted.
import { tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { type SourcedWrite } from '@hub/ingest/sourced';
import { writePeriods, writeRecords } from '../records';
import type { CheckedCensus } from './rules';
import { writeAllocations } from '../allocations/store';
import type { AllocationIn } from '../allocations/feed';

export async function writeCensus(
  q: Db['query'],
  sub: Omit<SourcedWrite, 'children'>,
  census: CheckedCensus,
  childOf: Map<string, string>,
  allocations: AllocationIn[] | null,
  counts: IngestCounts,
) {
  const kids = census.children.map((c) => ({ ...c, childId: childOf.get(c.laChildId)! }));
  const children = kids.map((c) => c.childId);
  const w = { ...sub, children };
  await writeRecords(q, w, census.laCode, kids, counts);
  await writePeriods(
    q,
    w,
    'cin_episode',
    kids.flatMap((c) => c.episodes.map((e) => ({ ...e, childId: c.childId, code: e.primaryNeed }))),
    counts,
  );
  await writePeriods(
    q,
    w,
    'cp_plan',
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
    [w.sourceSystem, children, w.submission, w.at, dc, dk],
  );
  counts.closed += closed.length;
  const dis = await q<{ inserted: boolean }>(
    `INSERT INTO disability (child_id, code, source_system, submission, source_at)
     SELECT c, k, $3, $4::uuid, $5::timestamptz FROM unnest($1::uuid[], $2::text[]) AS u(c, k)
     ON CONFLICT (child_id, code) DO UPDATE SET source_system = EXCLUDED.source_system, submission = EXCLUDED.submission,
       source_at = EXCLUDED.source_at, closed_at = NULL
     WHERE disability.closed_at IS NOT NULL OR disability.source_system IS DISTINCT FROM EXCLUDED.source_system
     RETURNING (xmax = 0) AS inserted`,
    [dc, dk, w.sourceSystem, w.submission, w.at],
  );
  tallyUpsert(counts, dk.length, dis);
  if (allocations)
    await writeAllocations(
      q,
      w,
      allocations.map((a) => ({ ...a, childId: childOf.get(a.laChildId)! })),
      counts,
    );
}

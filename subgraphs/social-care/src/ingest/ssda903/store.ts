// Writes a checked SSDA903 submission in ONE transaction: the submission row, the children's social
// care records, and their looked-after periods (one statement per table, unnest). Periods are keyed
// on LA, LA child id and period start, so a replay changes nothing and a corrected extract changes
// only what changed; this source's periods of these children that it no longer sends are closed.
import { randomUUID } from 'node:crypto';
import { insertSubmission, tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { upsertRecords, writePeriods } from '../records';
import type { Checked903 } from './rules';

export async function store903(
  db: Db,
  sourceSystem: string,
  hash: string,
  submissionId: string,
  checked: Checked903,
  childOf: Map<string, string>,
) {
  const submission = randomUUID();
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const kids = checked.children.map((c) => ({ ...c, childId: childOf.get(c.laChildId)! }));
  const children = kids.map((c) => c.childId);
  await db.transaction(async (q) => {
    const at = await insertSubmission(q, submission, sourceSystem, submissionId, hash);
    tallyUpsert(
      counts,
      kids.length,
      await upsertRecords(q, { children, laCode: checked.laCode, laChildIds: kids.map((c) => c.laChildId), sourceSystem, submission, at }),
    );
    const periods = kids.flatMap((c) => c.periods.map((p) => ({ ...p, childId: c.childId })));
    await writePeriods(q, { sourceSystem, children, submission, at }, 'cla_period', null, periods, counts);
    await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [submission, JSON.stringify({ ...counts, children: kids.length })]);
  });
  return { submission, counts };
}

// Writes a checked SSDA903 return inside the submission's transaction (the ingest package's pipeline): the
// children's social care records and their looked-after periods, keyed on LA, LA child id and period
// start, so a replay changes nothing and a corrected extract changes only what changed; this
// source's periods of these children that it no longer sends are closed. The return's episodes are
// kept as its record of the year, for next year's cross-year rules.
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { type SourcedWrite } from '@hub/ingest/sourced';
import { writePeriods, writeRecords } from '../records';
import type { Checked903 } from './rules';
import { keepEpisodes } from './last-year';

export async function write903(
  q: Db['query'],
  sub: Omit<SourcedWrite, 'children'>,
  checked: Checked903,
  childOf: Map<string, string>,
  counts: IngestCounts,
) {
  const kids = checked.children.map((c) => ({ ...c, childId: childOf.get(c.laChildId)! }));
  const w = { ...sub, children: kids.map((c) => c.childId) };
  await writeRecords(q, w, checked.laCode, kids, counts);
  await writePeriods(
    q,
    w,
    'cla_period',
    kids.flatMap((c) => c.periods.map((p) => ({ ...p, childId: c.childId }))),
    counts,
  );
  await keepEpisodes(q, sub.submission, checked);
}

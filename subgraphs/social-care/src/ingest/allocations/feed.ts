// The case allocations feed an LA's case system sends with its CIN census return, or on its own: a
// CSV, one row per worker allocated to a child's case (the CIN census itself names no worker). The hub defines
// this small format (no DfE one exists); docs/ingestion.md describes it. Checked whole before
// anything is written; every problem names the row and the column, never the value.
import { isoDateProblem } from '@hub/schema';
import type { IssueList } from '@hub/ingest/issues';
import { readCsv } from '../csv';

export const ALLOCATION_COLUMNS = ['CHILD', 'WORKER', 'START_DATE'] as const;
const RT = 'Allocation';
/** A hub user id (the worker's login subject), as the FHIR feed's care manager. */
const WORKER = /^[\w.@:-]{1,100}$/;

export interface AllocationIn {
  record: number;
  laChildId: string;
  userSub: string;
  startDate: string;
  endDate: string | null;
  sourceId: string;
}

/**
 * The feed's rows, each tied to a child by its LA child id (CHILD). Sent with a return, a row for a
 * child the return does not carry is an error (the hub links children only through returns); sent
 * on its own (`children` null), the children are matched to the ones the hub holds when linking.
 */
export async function checkAllocations(
  text: string,
  laCode: string,
  children: ReadonlySet<string> | null,
  issues: IssueList,
): Promise<AllocationIn[]> {
  const read = await readCsv(text, ALLOCATION_COLUMNS);
  if ('problem' in read) {
    issues.error(
      null,
      RT,
      '',
      'ALLOC-CSV',
      `the allocations feed ${read.problem} (columns ${ALLOCATION_COLUMNS.join(', ')}, END_DATE optional)`,
    );
    return [];
  }
  const out: AllocationIn[] = [];
  const seen = new Map<string, number>();
  read.table.rows.forEach((r, i) => {
    let ok = true;
    const date = (field: 'START_DATE' | 'END_DATE') => {
      const v = r[field] ?? null;
      const p = v === null ? null : isoDateProblem(v);
      if (p) {
        issues.error(i, RT, field, 'ALLOC-DATE', `${p} (dates are YYYY-MM-DD)`);
        ok = false;
      }
      return p ? null : v;
    };
    const child = r.CHILD;
    if (!child || (children && !children.has(child))) {
      issues.error(i, RT, 'CHILD', 'ALLOC-CHILD', child ? 'is not the LA child id of a Child in this return' : 'is missing');
      ok = false;
    }
    const worker = r.WORKER;
    if (!worker || !WORKER.test(worker)) {
      issues.error(i, RT, 'WORKER', 'ALLOC-WORKER', "must be the worker's hub user id (1-100 letters, digits, _ . @ : -)");
      ok = false;
    }
    const start = date('START_DATE');
    if (!r.START_DATE) {
      issues.error(i, RT, 'START_DATE', 'ALLOC-DATE', 'is missing');
      ok = false;
    }
    const end = date('END_DATE');
    if (start && end && end < start) {
      issues.error(i, RT, 'END_DATE', 'ALLOC-END-BEFORE-START', 'the allocation ends before it starts');
      ok = false;
    }
    if (!ok || !child || !worker || !start) return;
    const sourceId = `${laCode}/${child}/alloc/${worker}/${start}`;
    if (seen.has(sourceId)) {
      issues.error(i, RT, 'CHILD', 'ALLOC-DUPLICATE', `the same child, worker and start date as row ${seen.get(sourceId)}`);
      return;
    }
    seen.set(sourceId, i);
    out.push({ record: i, laChildId: child, userSub: worker, startDate: start, endDate: end, sourceId });
  });
  return out;
}

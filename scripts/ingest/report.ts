// How the CLI reports one submission: every warning and every rejection with its issues on stderr
// (record, field and code, never a value), then a JSON summary on stdout. Exit status 1 when rejected.
import type { Progress } from '@hub/seed/progress';
import type { CinIngestSummary, IngestFailure } from './client';

interface Accepted {
  warnings: { record: number | null; recordType: string | null; field: string; code: string; message: string }[];
  contentHash?: string;
  linked?: unknown;
}

export function reportOne(
  where: string,
  r: { ok: true; result: Accepted } | { ok: false; errors: IngestFailure[] },
  started: number,
): number {
  const seconds = (Date.now() - started) / 1000;
  if (!r.ok) {
    for (const e of r.errors) {
      process.stderr.write(`\nrejected ${where}: ${e.code ?? ''} ${e.message}`);
      for (const i of e.issues ?? [])
        process.stderr.write(`\n  ${i.severity} ${i.recordType ?? ''} ${i.record ?? '-'} ${i.field} ${i.code}: ${i.message}`);
    }
    console.log(JSON.stringify({ submissions: 1, rejected: 1, seconds }, null, 2));
    return 1;
  }
  const { warnings, contentHash: _hash, linked: _linked, ...counts } = r.result;
  for (const w of warnings)
    process.stderr.write(`\nwarning ${where} ${w.recordType ?? ''} ${w.record ?? '-'} ${w.field} ${w.code}: ${w.message}`);
  console.log(JSON.stringify({ submissions: 1, rejected: 0, ...counts, warnings: warnings.length, seconds }, null, 2));
  return 0;
}

/** A many-file run's totals of submissions about children; `skipped` for DfE returns (CIN census, SEN2), which skip records. */
export function submissionTotals(files: number) {
  return { files, submissions: 0, rejected: 0, replayed: 0, children: 0, created: 0, updated: 0, unchanged: 0, closed: 0, warnings: 0 };
}
export const returnTotals = (files: number) => ({ ...submissionTotals(files), skipped: 0 });

/** The totals of relationships the submissions made in governance. */
export const relationshipTotals = () => ({ allocated: 0, ended: 0, redated: 0, relationshipFailures: 0 });

export function tallyRelationships(
  total: ReturnType<typeof relationshipTotals>,
  r: { allocated: number; ended: number; redated: number; failed: number },
): void {
  total.allocated += r.allocated;
  total.ended += r.ended;
  total.redated += r.redated;
  total.relationshipFailures += r.failed;
}

/**
 * Adds one return's answer to the totals and writes its warnings and rejections on stderr. `record`
 * names a record whose issue carries no record type (a CIN census's Child); `recordTypes: false`
 * always writes `record` instead. Returns the summary when accepted.
 */
export function tallyReturn<
  S extends Pick<CinIngestSummary, 'replayed' | 'children' | 'created' | 'updated' | 'unchanged' | 'closed' | 'warnings'> & {
    skipped?: number;
  },
>(
  total: ReturnType<typeof returnTotals>,
  where: string,
  r: { ok: true; result: S } | { ok: false; errors: IngestFailure[] },
  record: string,
  recordTypes = true,
): S | undefined {
  const type = (t: string | null | undefined) => (recordTypes ? (t ?? record) : record);
  total.submissions++;
  if (!r.ok) {
    total.rejected++;
    for (const e of r.errors) {
      process.stderr.write(`\nrejected ${where}: ${e.code ?? ''} ${e.message}`);
      for (const i of e.issues ?? [])
        process.stderr.write(`\n  ${i.severity} ${type(i.recordType)} ${i.record ?? '-'} ${i.field} ${i.code}: ${i.message}`);
    }
    return undefined;
  }
  const s = r.result;
  total.replayed += s.replayed ? 1 : 0;
  for (const key of ['children', 'created', 'updated', 'unchanged', 'closed', 'skipped'] as const) total[key] += s[key] ?? 0;
  total.warnings += s.warnings.length;
  for (const w of s.warnings)
    process.stderr.write(`\nwarning ${where} ${type(w.recordType)} ${w.record ?? '-'} ${w.field} ${w.code}: ${w.message}`);
  return s;
}

/** Ends a CLI run: the bar closed, the totals with the rate printed, and the exit code (1 when a file was rejected). */
export function finishRun(progress: Progress, started: number, total: { children: number; rejected: number }, extra: object = {}): 0 | 1 {
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ ...total, ...extra, seconds, childrenPerSecond: Math.round(total.children / seconds) }, null, 2));
  return total.rejected ? 1 : 0;
}

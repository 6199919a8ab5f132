// How the CLI reports one submission: every warning and every rejection with its issues on stderr
// (record, field and code, never a value), then a JSON summary on stdout. Exit status 1 when rejected.
import type { IngestFailure } from './client';

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

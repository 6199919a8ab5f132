// `npm run ingest -- --agency social-care --la 937 --header header.csv --episodes episodes.csv`: one
// SSDA903 return (its two files and the LA they belong to) is one submission, sent whole. The
// summary and issues are printed as for CIN returns; exit status 1 when it was rejected.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '../../seed/src/progress';
import { postSsda903 } from './client';

export async function ingestSsda903Files(la: string, headerFile: string, episodesFile: string, gateway: string, token: string): Promise<number> {
  const bytes = statSync(headerFile).size + statSync(episodesFile).size;
  const progress = createProgress(bytes, { label: 'ingest 903' });
  const started = Date.now();
  const r = await postSsda903(gateway, token, la, readFileSync(headerFile, 'utf8'), readFileSync(episodesFile, 'utf8'));
  progress.update(bytes);
  progress.finish();
  const where = `${headerFile} + ${episodesFile}`;
  if (!r.ok) {
    for (const e of r.errors) {
      process.stderr.write(`\nrejected ${where}: ${e.code ?? ''} ${e.message}`);
      for (const i of e.issues ?? []) process.stderr.write(`\n  ${i.severity} ${i.recordType ?? ''} ${i.record ?? '-'} ${i.field} ${i.code}: ${i.message}`);
    }
    console.log(JSON.stringify({ submissions: 1, rejected: 1, seconds: (Date.now() - started) / 1000 }, null, 2));
    return 1;
  }
  const { linked: _linked, warnings, contentHash: _hash, ...counts } = r.result;
  for (const w of warnings) process.stderr.write(`\nwarning ${where} ${w.recordType ?? ''} ${w.record ?? '-'} ${w.field} ${w.code}: ${w.message}`);
  console.log(JSON.stringify({ submissions: 1, rejected: 0, ...counts, warnings: warnings.length, seconds: (Date.now() - started) / 1000 }, null, 2));
  return 0;
}

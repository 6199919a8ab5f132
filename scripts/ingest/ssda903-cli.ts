// `npm run ingest -- --agency social-care --la 937 --header header.csv --episodes episodes.csv`: one
// SSDA903 return (its two files and the LA they belong to) is one submission, sent whole. The
// summary and issues are printed as for CIN returns; exit status 1 when it was rejected.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postSsda903 } from './client';
import { reportOne } from './report';

export async function ingestSsda903Files(
  la: string,
  headerFile: string,
  episodesFile: string,
  gateway: string,
  token: string,
): Promise<number> {
  const bytes = statSync(headerFile).size + statSync(episodesFile).size;
  const progress = createProgress(bytes, { label: 'ingest 903' });
  const started = Date.now();
  const r = await postSsda903(gateway, token, la, readFileSync(headerFile, 'utf8'), readFileSync(episodesFile, 'utf8'));
  progress.update(bytes);
  progress.finish();
  return reportOne(`${headerFile} + ${episodesFile}`, r, started);
}

// `npm run ingest -- --agency social-care --la 937 --header header.csv --episodes episodes.csv`: one
// SSDA903 return (its two files and the LA they belong to), sent whole when it fits one request; a
// bigger one is split by child (ssda903-split.ts), each part its own all-or-nothing submission. The
// summary and issues are printed as for CIN returns; exit status 1 when any part was rejected.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postSsda903 } from './client';
import { finishRun, reportOne, returnTotals, tallyReturn } from './report';
import { fits903, split903 } from './ssda903-split';

export async function ingestSsda903Files(
  la: string,
  headerFile: string,
  episodesFile: string,
  gateway: string,
  token: string,
  maxBytes: number,
): Promise<number> {
  const header = readFileSync(headerFile, 'utf8');
  const episodes = readFileSync(episodesFile, 'utf8');
  const bytes = statSync(headerFile).size + statSync(episodesFile).size;
  const whole = [{ header, episodes, children: 0 }];
  let parts;
  try {
    parts = fits903(header, episodes, maxBytes) ? whole : (split903(header, episodes, maxBytes) ?? whole);
  } catch (e) {
    process.stderr.write(`\nrejected ${headerFile} + ${episodesFile}: ${(e as Error).message} (nothing of it was sent)`);
    return 1;
  }
  const started = Date.now();
  if (parts === whole) {
    const progress = createProgress(bytes, { label: 'ingest 903' });
    const r = await postSsda903(gateway, token, la, header, episodes);
    progress.update(bytes);
    progress.finish();
    return reportOne(`${headerFile} + ${episodesFile}`, r, started);
  }
  const progress = createProgress(parts.length, { label: 'ingest 903' });
  const total = returnTotals(1);
  for (const [k, p] of parts.entries()) {
    tallyReturn(
      total,
      `${headerFile} + ${episodesFile} part ${k + 1}`,
      await postSsda903(gateway, token, la, p.header, p.episodes),
      'Episodes',
    );
    progress.update(k + 1);
  }
  const { skipped: _none, ...counts } = total;
  return finishRun(progress, started, counts, { bytes });
}

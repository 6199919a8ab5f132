// `npm run ingest -- --agency social-care --file cin.xml` (or `--dir`): each CIN census return is
// one submission, sent whole when it fits one request; a bigger one is split by Child as it streams
// past (cin-stream.ts), each part its own submission.
// A return's case allocations feed goes with it: `--allocations <csv>` for one file, or for any
// return `<name>.xml` the file `<name>.allocations.csv` beside it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postCinCensus } from './client';
import { streamSplitCensus } from './cin-stream';
import { finishRun, relationshipTotals, returnTotals, tallyRelationships, tallyReturn } from './report';

/** The allocations feed sent with a return: the one named, else `<name>.allocations.csv` beside it. */
function allocationsFor(file: string, named?: string): string | undefined {
  const beside = file.replace(/\.xml$/i, '.allocations.csv');
  const path = named || (existsSync(beside) ? beside : null);
  return path ? readFileSync(path, 'utf8') : undefined;
}

export async function ingestCinFiles(
  files: string[],
  gateway: string,
  token: string,
  maxBytes: number,
  allocations?: string,
): Promise<number> {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const progress = createProgress(bytes, { label: 'ingest' });
  const total = { ...returnTotals(files.length), ...relationshipTotals() };
  const started = Date.now();
  let done = 0;
  for (const file of files) {
    const size = statSync(file).size;
    const feed = allocationsFor(file, files.length === 1 ? allocations : undefined);
    const parts: AsyncIterable<{ text: string }> | { text: string }[] =
      size <= maxBytes ? [{ text: readFileSync(file, 'utf8') }] : streamSplitCensus(file, Math.floor(maxBytes * 0.95)); // JSON escaping of the XML in the request
    let k = 0;
    try {
      for await (const part of parts) {
        const where = Array.isArray(parts) ? file : `${file} part ${++k}`;
        // An allocations feed names children of the whole return: it goes only with a return sent whole.
        if (feed !== undefined && !Array.isArray(parts))
          throw new Error('an allocations feed cannot go with a return that is split; send them in files that fit one request');
        const s = tallyReturn(total, where, await postCinCensus(gateway, token, part.text, feed), 'Child');
        if (s) tallyRelationships(total, s.relationships);
      }
    } catch (e) {
      total.rejected++;
      process.stderr.write(`\nrejected ${file}: ${(e as Error).message} (nothing more of it was sent)`);
    }
    done += size;
    progress.update(done);
  }
  return finishRun(progress, started, total);
}

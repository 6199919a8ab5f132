// `npm run ingest -- --agency social-care --file cin.xml` (or `--dir`): each CIN census return is
// one submission, sent whole when it fits one request; a bigger one is split by Child as it streams
// past (return-stream.ts), each part its own submission (the loop is xml-returns.ts's).
// A return's case allocations feed goes with it: `--allocations <csv>` for one file, or for any
// return `<name>.xml` the file `<name>.allocations.csv` beside it.
import { existsSync, readFileSync } from 'node:fs';
import { postCinCensus } from './client';
import { CIN_CENSUS } from './return-stream';
import { relationshipTotals, returnTotals, tallyRelationships, tallyReturn } from './report';
import { ingestReturnFiles } from './xml-returns';

/** The allocations feed sent with a return: the one named, else `<name>.allocations.csv` beside it. */
function allocationsFor(file: string, named?: string): string | undefined {
  const beside = file.replace(/\.xml$/i, '.allocations.csv');
  const path = named || (existsSync(beside) ? beside : null);
  return path ? readFileSync(path, 'utf8') : undefined;
}

export function ingestCinFiles(files: string[], gateway: string, token: string, maxBytes: number, allocations?: string): Promise<number> {
  const total = { ...returnTotals(files.length), ...relationshipTotals() };
  return ingestReturnFiles(files, maxBytes, CIN_CENSUS, total, async (part) => {
    const feed = allocationsFor(part.file, files.length === 1 ? allocations : undefined);
    // An allocations feed names children of the whole return: it goes only with a return sent whole.
    if (feed !== undefined && !part.whole)
      throw new Error('an allocations feed cannot go with a return that is split; send them in files that fit one request');
    const s = tallyReturn(total, part.where, await postCinCensus(gateway, token, part.text, feed), 'Child');
    if (s) tallyRelationships(total, s.relationships);
  });
}

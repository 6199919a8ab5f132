// Run by stream-check.ts in a process of its own: splits the CIN census return named on the command
// line as the CLI does (1 MB requests) and reads and checks every part as the subgraph does, then
// prints bytes, parts, children, seconds and this process's peak RSS. Nothing is posted.
import { statSync } from 'node:fs';
import { streamSplitCensus } from '../../../scripts/ingest/cin-stream';
import { readCensus } from '../../../subgraphs/social-care/src/ingest/cin/census';
import { checkCensus } from '../../../subgraphs/social-care/src/ingest/cin/rules';

async function main() {
  const file = process.argv[2];
  const bytes = statSync(file).size;
  const started = process.hrtime.bigint();
  let parts = 0,
    children = 0,
    errors = 0;
  for await (const part of streamSplitCensus(file, 950_000)) {
    const read = readCensus(part.text);
    if ('problem' in read) throw new Error(`part ${parts} ${read.problem}`);
    const checked = checkCensus(read.census, new Date().toISOString().slice(0, 10));
    parts++;
    children += checked.children.length;
    errors += checked.issues.errors.length;
    if (parts % 200 === 0) process.stderr.write(`[bench:ingest] streamed ${parts} parts, ${(children / 1000).toFixed(0)}k children\n`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      check: 'CIN census return split as it streams (CLI) and every part read and checked (subgraph); nothing posted',
      megabytes: Math.round(bytes / 1024 / 1024),
      parts,
      children,
      errors,
      seconds: +seconds.toFixed(1),
      megabytesPerSecond: +(bytes / 1024 / 1024 / seconds).toFixed(1),
      childrenPerSecond: Math.round(children / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();

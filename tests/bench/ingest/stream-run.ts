// Run by stream-check.ts in a process of its own: splits the return named on the command line
// (`cin` or `sen2`, then the file) as the CLI does (1 MB requests) and reads and checks every part as
// the subgraph does, then prints bytes, parts, records, seconds and this process's peak RSS. Nothing is posted.
import { statSync } from 'node:fs';
import { CIN_CENSUS, SEN2_RETURN, streamSplitReturn } from '../../../scripts/ingest/return-stream';
import { readCensus } from '../../../subgraphs/social-care/src/ingest/cin/census';
import { checkCensus } from '../../../subgraphs/social-care/src/ingest/cin/rules';
import { readSen2 } from '../../../subgraphs/education/src/ingest/sen2/reader';
import { checkSen2 } from '../../../subgraphs/education/src/ingest/sen2/rules';

export type StreamFormat = 'cin' | 'sen2';

/** Per format: the split, and one part read and checked as the subgraph does (records ingested, skipped, errors). */
const FORMATS = {
  cin: {
    shape: CIN_CENSUS,
    check(text: string) {
      const read = readCensus(text);
      if ('problem' in read) throw new Error(read.problem);
      const checked = checkCensus(read.census, new Date().toISOString().slice(0, 10));
      return { records: checked.children.length, skipped: checked.skipped, errors: checked.issues.errors.length };
    },
  },
  sen2: {
    shape: SEN2_RETURN,
    check(text: string) {
      const read = readSen2(text);
      if ('problem' in read) throw new Error(read.problem);
      const checked = checkSen2(read.sen2);
      return { records: checked.persons.length, skipped: checked.skipped, errors: checked.issues.errors.length };
    },
  },
} as const;

async function main() {
  const format = process.argv[2] as StreamFormat;
  const file = process.argv[3];
  const { shape, check } = FORMATS[format];
  const bytes = statSync(file).size;
  const started = process.hrtime.bigint();
  let parts = 0,
    records = 0,
    skipped = 0,
    errors = 0;
  for await (const part of streamSplitReturn(file, 950_000, shape)) {
    const c = check(part.text);
    parts++;
    records += c.records;
    skipped += c.skipped;
    errors += c.errors;
    if (parts % 200 === 0)
      process.stderr.write(`[bench:ingest] streamed ${parts} parts, ${(records / 1000).toFixed(0)}k ${shape.record}\n`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      check: `${shape.name} split as it streams (CLI) and every part read and checked (subgraph); nothing posted`,
      megabytes: Math.round(bytes / 1024 / 1024),
      parts,
      [shape.record === 'Child' ? 'children' : 'persons']: records,
      skipped,
      errors,
      seconds: +seconds.toFixed(1),
      megabytesPerSecond: +(bytes / 1024 / 1024 / seconds).toFixed(1),
      recordsPerSecond: Math.round(records / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();

// The 1 GB streaming check for the DfE XML returns the CLI splits as they stream: `cin-stream` (CIN
// census, by Child) and `sen2-stream` (SEN2, by Person). Writes a return of the given size (default
// 1 GB: the records of a synthetic LA repeated as other children), then runs stream-run.ts on it in a
// fresh process, which splits it as the CLI does and reads and checks every part as the subgraph does.
// That process's peak RSS is the figure: it must stay under 512 MB whatever the file's size.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { makeUpn } from '@hub/schema';
import { cinCensus, generatePopulation, sen2Return } from '@hub/seed';
import { CIN_CENSUS, SEN2_RETURN } from '../../../scripts/ingest/return-stream';
import type { StreamFormat } from './stream-run';
import { arg } from './measure';

const SEN2_CENSUS = '2027-01-21';

/** Per format: one LA's return, and its records copied as other children (copy 0 is the LA's own). */
const RETURNS: Record<StreamFormat, { container: string; sample: () => string; copy: (records: string, copy: number) => string }> = {
  cin: {
    container: CIN_CENSUS.container,
    sample: () =>
      cinCensus(generatePopulation({ children: 100_000, seed: 7 }), { lea: '937', referenceDate: new Date().toISOString().slice(0, 10) }),
    // LA child ids tagged with the copy (3 base-36 characters in place of the first, so still 10 at
    // most) and no UPN, so the file is a valid return.
    copy: (records, copy) => {
      const tag = copy.toString(36).padStart(3, '0');
      return records
        .replace(/<LAchildID>.(\w+)<\/LAchildID>/g, (_m, id: string) => `<LAchildID>${tag}${id}</LAchildID>`)
        .replace(/<UPN>\w+<\/UPN>/g, '<UPNunknown>UN1</UPNunknown>');
    },
  },
  sen2: {
    container: SEN2_RETURN.container,
    sample: () => sen2Return(generatePopulation({ children: 100_000, seed: 15 }), { lea: '937', censusDate: SEN2_CENSUS }).xml,
    // A person is its UPN: each copy's persons get new valid UPNs from establishments 0000-1999 (the
    // generator's are 2000 and up, so none is an LA's own) and new ULNs (starting 0: the generator's
    // never do), so every person in the file is another child.
    copy: (records) =>
      records
        .replace(/<UPN>\w+<\/UPN>/g, () => {
          const n = next++;
          return `<UPN>${makeUpn(937, Math.floor(n / 100_000), Math.floor(n / 1000) % 100, n % 1000)}</UPN>`;
        })
        .replace(
          /<UniqueLearnerNumber>\d+<\/UniqueLearnerNumber>/g,
          () => `<UniqueLearnerNumber>0${String(next++).padStart(9, '0')}</UniqueLearnerNumber>`,
        ),
  },
};
let next = 0;

async function writeReturn(format: StreamFormat, file: string, bytes: number) {
  const { container, sample: make, copy } = RETURNS[format];
  const sample = make();
  const open = sample.indexOf(`<${container}>`) + container.length + 2;
  const close = sample.lastIndexOf(`</${container}>`);
  const head = sample.slice(0, open);
  const body = sample.slice(open, close);
  const out = createWriteStream(file);
  out.write(head);
  let written = head.length;
  for (let k = 0; written < bytes; k++) {
    const records = k === 0 ? body : copy(body, k);
    if (!out.write(records)) await once(out, 'drain');
    written += records.length;
  }
  out.end(sample.slice(close));
  await once(out, 'finish');
  return written;
}

export async function streamCheck(argv: string[], format: StreamFormat): Promise<number> {
  const megabytes = arg(argv, 'megabytes', 1024);
  const dir = mkdtempSync(join(tmpdir(), `hub-${format}-stream-`));
  try {
    const file = join(dir, `${format}-large.xml`);
    process.stderr.write(`[bench:ingest] writing a ${megabytes} MB ${format === 'cin' ? 'CIN census' : 'SEN2'} return\n`);
    await writeReturn(format, file, megabytes * 1024 * 1024);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'stream-run.ts'), format, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    const report = JSON.parse(out);
    console.log(JSON.stringify({ ...report, limitMb: 512, withinLimit: report.peakRssMb < 512 }, null, 2));
    return report.peakRssMb < 512 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

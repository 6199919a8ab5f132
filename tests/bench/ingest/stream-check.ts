// The 1 GB streaming check for CIN census returns: writes a return of the given size (default
// 1 GB: the Child elements of a synthetic LA repeated as other children), then runs stream-run.ts
// on it in a fresh process, which splits it as the CLI does and parses and checks every part as
// the subgraph does.
// That process's peak RSS is the figure: it must stay under 512 MB whatever the file's size.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { cinCensus, generatePopulation } from '@hub/seed';
import { arg } from './measure';

async function writeReturn(file: string, bytes: number) {
  const sample = cinCensus(generatePopulation({ children: 100_000, seed: 7 }), {
    lea: '937',
    referenceDate: new Date().toISOString().slice(0, 10),
  });
  const open = sample.indexOf('<Children>') + '<Children>'.length;
  const close = sample.lastIndexOf('</Children>');
  const head = sample.slice(0, open);
  const body = sample.slice(open, close);
  const out = createWriteStream(file);
  out.write(head);
  let written = head.length;
  // Each copy of the LA's children is other children: LA child ids tagged with the copy (3 base-36
  // characters in place of the first, so still 10 at most) and no UPN, so the file is a valid return.
  for (let copy = 0; written < bytes; copy++) {
    const tag = copy.toString(36).padStart(3, '0');
    const children =
      copy === 0
        ? body
        : body
            .replace(/<LAchildID>.(\w+)<\/LAchildID>/g, (_m, id: string) => `<LAchildID>${tag}${id}</LAchildID>`)
            .replace(/<UPN>\w+<\/UPN>/g, '<UPNunknown>UN1</UPNunknown>');
    if (!out.write(children)) await once(out, 'drain');
    written += children.length;
  }
  out.end(sample.slice(close));
  await once(out, 'finish');
  return written;
}

export async function streamCheck(argv: string[]): Promise<number> {
  const megabytes = arg(argv, 'megabytes', 1024);
  const dir = mkdtempSync(join(tmpdir(), 'hub-cin-stream-'));
  try {
    const file = join(dir, 'cin-large.xml');
    process.stderr.write(`[bench:ingest] writing a ${megabytes} MB CIN census return\n`);
    await writeReturn(file, megabytes * 1024 * 1024);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'stream-run.ts'), file], {
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

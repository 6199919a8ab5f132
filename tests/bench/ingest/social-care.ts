// The social care ingestion benchmarks: a synthetic population (the seed's model) written as each
// LA's CIN census return and SSDA903 return, then posted through the gateway as the LA's feed
// (CIN returns split by Child into 1 MB requests as the CLI splits them), then replayed. Figures
// are for the whole path a source system uses, with every service in this one process.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cinCensus, generatePopulation, LAS, ssda903 } from '@hub/seed';
import { startTestHub, tokenFor } from '../../kit/hub';
import { postCinCensus, postSsda903 } from '../../../scripts/ingest/client';
import { fits903, split903 } from '../../../scripts/ingest/ssda903-split';
import { CIN_CENSUS, streamSplitReturn } from '../../../scripts/ingest/return-stream';
import { arg, rssSampler } from './measure';

/**
 * The LA's Child elements repeated until the return holds `target` children, each copy's LA child
 * ids made distinct (R<copy><id>) and its UPNs dropped (UPNunknown): the population model gives
 * about 3 social care children per 100, so 100,000 CIN children need copies, not a 3-million population.
 */
function scaleCensus(xml: string, target: number): string {
  const open = xml.indexOf('<Children>') + '<Children>'.length;
  const close = xml.lastIndexOf('</Children>');
  const kids = xml
    .slice(open, close)
    .split('\n')
    .filter((l) => l.startsWith('<Child>'));
  const out: string[] = [];
  for (let copy = 0; out.length < target; copy++)
    for (const k of kids) {
      if (out.length >= target) break;
      out.push(
        copy === 0
          ? k
          : k
              .replace(/<LAchildID>.(\w+)<\/LAchildID>/, (_m, id: string) => `<LAchildID>R${copy}${id}</LAchildID>`)
              .replace(/<UPN>\w+<\/UPN>/, '<UPNunknown>UN1</UPNunknown>'),
      );
    }
  return `${xml.slice(0, open)}\n${out.join('\n')}\n${xml.slice(close)}`;
}

/**
 * An LA's SSDA903 return scaled to `target` children (its children repeated with CHILD ids tagged
 * by copy, UPNs dropped), as one return; the CLI's splitter then cuts it into requests.
 */
function scale903(header: string, episodes: string, target: number): { header: string; episodes: string } {
  const [hHead, ...hRows] = header.trim().split('\n');
  const [eHead, ...eRows] = episodes.trim().split('\n');
  const byChild = new Map<string, string[]>();
  for (const e of eRows) byChild.set(e.slice(0, e.indexOf(',')), [...(byChild.get(e.slice(0, e.indexOf(','))) ?? []), e]);
  const h: string[] = [];
  const ep: string[] = [];
  for (let copy = 0; h.length < target; copy++)
    for (const row of hRows) {
      if (h.length >= target) break;
      const child = row.slice(0, row.indexOf(','));
      const id = copy === 0 ? child : `${copy.toString(36).padStart(3, '0')}${child.slice(1)}`;
      const cols = row.split(',');
      cols[0] = id;
      if (copy) cols[4] = 'UN1';
      h.push(cols.join(','));
      for (const e of byChild.get(child) ?? []) ep.push(id + e.slice(child.length));
    }
  return { header: [hHead, ...h].join('\n') + '\n', episodes: [eHead, ...ep].join('\n') + '\n' };
}

/** A submission's answer as the bench counts it. */
function asRun(
  r:
    | { ok: true; result: { children: number; created: number; updated: number; unchanged: number; replayed: boolean } }
    | { ok: false; errors: unknown },
): Awaited<ReturnType<Submission['send']>> {
  return r.ok
    ? {
        ok: true,
        children: r.result.children,
        records: r.result.created + r.result.updated + r.result.unchanged,
        replayed: r.result.replayed,
      }
    : { ok: false, children: 0, records: 0, replayed: false, error: JSON.stringify(r.errors).slice(0, 500) };
}

interface Submission {
  label: string;
  send: () => Promise<{ ok: boolean; children: number; records: number; replayed: boolean; error?: string }>;
}

async function timed(label: string, submissions: Submission[]) {
  const started = process.hrtime.bigint();
  let children = 0,
    records = 0,
    replayed = 0;
  for (const [k, s] of submissions.entries()) {
    const r = await s.send();
    if (!r.ok) throw new Error(`${s.label} rejected: ${r.error}`);
    children += r.children;
    records += r.records;
    replayed += r.replayed ? 1 : 0;
    if (k % 10 === 9) process.stderr.write(`[bench:ingest] ${label}: ${k + 1}/${submissions.length} submissions\n`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    label,
    seconds: +seconds.toFixed(2),
    children,
    records,
    rowsPerSecond: Math.round(records / seconds),
    childrenPerSecond: Math.round(children / seconds),
    replayedSubmissions: replayed,
  };
}

export async function benchSocialCare(argv: string[], format: 'cin' | 'ssda903'): Promise<number> {
  const children = arg(argv, 'children', 10_000);
  const seed = arg(argv, 'seed', 14);
  const maxBytes = arg(argv, 'max-bytes', 1_000_000);
  const cinChildren = arg(argv, 'cin-children', 0);
  const lacChildren = arg(argv, 'ssda903-children', 0);
  const hub = await startTestHub({ label: `bench${format}`, children: [] });
  const dir = mkdtempSync(join(tmpdir(), `hub-${format}-bench-`));
  try {
    // Written to files first and the population dropped, so the services are not measured against a heap holding it.
    const population = [...generatePopulation({ children, seed })];
    const files = LAS.map(({ code }) => {
      if (format === 'cin') {
        const file = join(dir, `cin-${code}.xml`);
        const xml = cinCensus(population, { lea: code, referenceDate: new Date().toISOString().slice(0, 10) });
        // --cin-children N: each LA's return scaled to N/LAs children.
        writeFileSync(file, cinChildren ? scaleCensus(xml, Math.ceil(cinChildren / LAS.length)) : xml);
        return { code, file };
      }
      const { header, episodes } = ssda903(population, { la: code });
      // --ssda903-children N: each LA's return scaled to N/LAs children; a return over one request is split by child as the CLI does.
      const whole = lacChildren ? scale903(header, episodes, Math.ceil(lacChildren / LAS.length)) : { header, episodes };
      const parts = fits903(whole.header, whole.episodes, maxBytes) ? [whole] : split903(whole.header, whole.episodes, maxBytes)!;
      parts.forEach((p, k) => {
        writeFileSync(join(dir, `903-${code}-${k}-header.csv`), p.header);
        writeFileSync(join(dir, `903-${code}-${k}-episodes.csv`), p.episodes);
      });
      return { code, file: join(dir, `903-${code}`), parts: parts.length };
    });
    population.length = 0;
    const parts903 = (f: { file: string; parts?: number }) => Array.from({ length: f.parts ?? 0 }, (_, k) => `${f.file}-${k}`);
    const bytes = files.reduce(
      (n, f) =>
        n +
        (format === 'cin'
          ? statSync(f.file).size
          : parts903(f).reduce((m, p) => m + statSync(`${p}-header.csv`).size + statSync(`${p}-episodes.csv`).size, 0)),
      0,
    );
    const token = await tokenFor('sc-feed');
    const submissions: Submission[] = [];
    for (const f of files) {
      const { code, file } = f;
      if (format === 'cin') {
        for await (const part of streamSplitReturn(file, Math.floor(maxBytes * 0.95), CIN_CENSUS))
          submissions.push({
            label: `CIN ${code}`,
            send: async () => {
              return asRun(await postCinCensus(hub.gateway.url, token, part.text));
            },
          });
      } else
        for (const part of parts903(f)) {
          const header = readFileSync(`${part}-header.csv`, 'utf8');
          const episodes = readFileSync(`${part}-episodes.csv`, 'utf8');
          submissions.push({
            label: `SSDA903 ${code}`,
            send: async () => {
              return asRun(await postSsda903(hub.gateway.url, token, code, header, episodes));
            },
          });
        }
    }
    const rss = rssSampler();
    const first = await timed('first ingest', submissions);
    const again = await timed('replay', submissions);
    console.log(
      JSON.stringify(
        {
          format: format === 'cin' ? 'DfE CIN census XML' : 'SSDA903 CSV (Header + Episodes)',
          populationChildren: children,
          submissions: submissions.length,
          megabytes: +(bytes / 1e6).toFixed(2),
          runs: [first, again],
          peakRssMbWhileIngesting: rss.stop(),
          note: 'rows are records written or confirmed (child records, episodes, plans, disabilities, periods); one process holds the gateway, every subgraph and the client; PostgreSQL is separate (durable)',
        },
        null,
        2,
      ),
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await hub.stop();
  }
}

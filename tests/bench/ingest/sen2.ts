// The SEN2 benchmark (`npm run bench:ingest -- --format sen2 --children N`): the synthetic
// population's SEN2 return written as a file (its size, and the time to build it), ingested into an
// empty hub through the gateway as the LA's SEN case system (first, then the replay), and written
// back out of the hub as `npm run sen2` does (the query through the gateway and the file); then the
// same population stored by the seed's writers, and its return written from that hub.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePopulation, sen2Return } from '@hub/seed';
import { startTestHub, tokenFor } from '../../kit/hub';
import { postSen2Return } from '../../../scripts/ingest/client';
import { fetchSen2Return } from '../../../scripts/sen2/fetch';

const CENSUS = '2027-01-21';
const seconds = (from: bigint) => +(Number(process.hrtime.bigint() - from) / 1e9).toFixed(2);

function arg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

export async function benchSen2(argv: string[]): Promise<number> {
  const children = arg(argv, 'children', 100_000);
  const seed = arg(argv, 'seed', 15);
  // A whole LA's return is one submission: the request limit must hold it.
  process.env.MAX_BODY_BYTES ||= '100000000';
  const dir = mkdtempSync(join(tmpdir(), 'hub-sen2-bench-'));
  const hub = await startTestHub({ label: 'benchsen2', children: [], maxBodyBytes: Number(process.env.MAX_BODY_BYTES) });
  let stopped = false;
  try {
    let t = process.hrtime.bigint();
    const population = [...generatePopulation({ children, seed })];
    const generated = seconds(t);
    t = process.hrtime.bigint();
    const { ret, xml } = sen2Return(population, { lea: '937', censusDate: CENSUS });
    const file = join(dir, 'sen2.xml');
    writeFileSync(file, xml);
    const built = seconds(t);
    population.length = 0;
    const token = await tokenFor('edu-feed');
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const ingest = async (label: string) => {
      const started = process.hrtime.bigint();
      const r = await postSen2Return(hub.gateway.url, token, xml);
      if (!r.ok) throw new Error(`${label} rejected: ${JSON.stringify(r.errors).slice(0, 500)}`);
      const s = seconds(started);
      return {
        label,
        seconds: s,
        personsPerSecond: Math.round(r.result.children / s),
        created: r.result.created,
        unchanged: r.result.unchanged,
        replayed: r.result.replayed,
        warnings: r.result.warnings.length,
      };
    };
    const first = await ingest('first ingest');
    const again = await ingest('replay');
    t = process.hrtime.bigint();
    const back = await fetchSen2Return(hub.gateway.url, token, CENSUS);
    if (!back.ok) throw new Error(`sen2Return refused: ${JSON.stringify(back.errors)}`);
    const out = join(dir, 'back.xml');
    writeFileSync(out, back.result.xmlHeader + back.result.records.map((r) => r.xml).join('') + back.result.xmlFooter);
    const writtenBack = seconds(t);
    clearInterval(sampler);
    const report = {
      format: 'SEN2 return XML',
      populationChildren: children,
      la: '937',
      censusDate: CENSUS,
      counts: ret.counts,
      ruleHits: Object.entries(ret.issues.reduce<Record<string, number>>((o, i) => ({ ...o, [i.rule]: (o[i.rule] ?? 0) + 1 }), {})).map(
        ([rule, n]) => `${rule}: ${n}`,
      ),
      megabytes: +(statSync(file).size / 1e6).toFixed(2),
      secondsToGenerate: generated,
      secondsToBuildAndWriteFile: built,
      runs: [first, again],
      hubReturnSameCounts: JSON.stringify(back.result.counts) === JSON.stringify(ret.counts),
      secondsToWriteFromHub: writtenBack,
      megabytesFromHub: +(statSync(out).size / 1e6).toFixed(2),
      peakRssMbWhileIngesting: Math.round(peak / 1024 / 1024),
      note: 'one process holds the gateway, every subgraph and the client; PostgreSQL is separate (durable). secondsToWriteFromHub is what `npm run sen2` does: the query through the gateway, then the file',
    };
    await hub.stop();
    stopped = true;
    // The same population stored the ordinary way (the seed's writers), and its return written from
    // that hub: what `npm run sen2` costs on an LA's own records.
    const seeded = await startTestHub({ label: 'benchsen2seed', children: [...generatePopulation({ children, seed })], grant: false });
    try {
      t = process.hrtime.bigint();
      const own = await fetchSen2Return(seeded.gateway.url, token, CENSUS);
      if (!own.ok) throw new Error(`sen2Return refused: ${JSON.stringify(own.errors)}`);
      const file2 = join(dir, 'seeded.xml');
      writeFileSync(file2, own.result.xmlHeader + own.result.records.map((r) => r.xml).join('') + own.result.xmlFooter);
      Object.assign(report, {
        fromSeededHub: {
          seconds: seconds(t),
          megabytes: +(statSync(file2).size / 1e6).toFixed(2),
          counts: own.result.counts,
          ruleHits: own.result.ruleCounts.filter((c) => c.count > 0).map((c) => `${c.rule}: ${c.count}`),
        },
      });
    } finally {
      await seeded.stop();
    }
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!stopped) await hub.stop();
  }
}

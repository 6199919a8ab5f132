// The FHIR ingestion benchmark: generate → Bundles split as the CLI splits them (1 MB requests)
// → post each through the gateway as the trust's feed, then replay them all. Figures are for the
// whole path a source system uses, on this machine, with every service in this one process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fhirBundle, generatePopulation } from '@hub/seed';
import { startTestHub, tokenFor } from '../../kit/hub';
import { postFhirBundle } from '../../../scripts/ingest/client';
import { splitBundle } from '../../../scripts/ingest/fhir-chunks';

import { arg } from './measure';

function writeParts(dir: string, children: number, seed: number, maxBytes: number) {
  const population = [...generatePopulation({ children, seed })];
  const bundle = fhirBundle(population, {
    submissionId: `bench-${seed}-${children}`,
    careManager: (_c, k) => (k === 0 ? 'u-health-1' : undefined),
  });
  const parts = splitBundle(bundle, maxBytes);
  const files = parts.map((p, k) => {
    const file = join(dir, `part-${String(k).padStart(4, '0')}.json`);
    writeFileSync(file, p.text);
    return file;
  });
  return {
    files,
    bytes: parts.reduce((n, p) => n + p.text.length, 0),
    patients: bundle.entry!.filter((e) => e.resource!.resourceType === 'Patient').length,
    entries: bundle.entry!.length,
  };
}

export async function benchFhir(argv: string[]): Promise<number> {
  const children = arg(argv, 'children', 10_000);
  const seed = arg(argv, 'seed', 14);
  const maxBytes = arg(argv, 'max-bytes', 1_000_000);
  const hub = await startTestHub({ label: 'benchingest', children: [] });
  const dir = mkdtempSync(join(tmpdir(), 'hub-ingest-bench-'));
  try {
    // Generated and written to files first, then dropped: the ingest reads the files one by one as
    // the CLI does, so the services sharing this process are not measured against a heap holding
    // the whole population.
    const { files, bytes, patients, entries } = writeParts(dir, children, seed, maxBytes);
    const token = await tokenFor('health-feed');
    const run = async (label: string) => {
      const started = process.hrtime.bigint();
      let created = 0,
        unchanged = 0,
        replayed = 0;
      for (const [k, file] of files.entries()) {
        const r = await postFhirBundle(hub.gateway.url, token, readFileSync(file, 'utf8'));
        if (!r.ok) throw new Error(`part ${k} rejected: ${JSON.stringify(r.errors).slice(0, 500)}`);
        created += r.result.created;
        unchanged += r.result.unchanged;
        replayed += r.result.replayed ? 1 : 0;
        if (k % 10 === 9) process.stderr.write(`[bench:ingest] ${label}: ${k + 1}/${files.length} submissions\n`);
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return {
        label,
        seconds: +seconds.toFixed(1),
        childrenPerSecond: Math.round(patients / seconds),
        entriesPerSecond: Math.round(entries / seconds),
        created,
        unchanged,
        replayedSubmissions: replayed,
      };
    };
    const generatedPeakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    let ingestPeak = 0;
    const sampler = setInterval(() => (ingestPeak = Math.max(ingestPeak, process.memoryUsage().rss)), 100);
    const first = await run('first ingest');
    const again = await run('replay');
    clearInterval(sampler);
    const report = {
      format: 'FHIR R4 transaction Bundles',
      populationChildren: children,
      childrenWithHealthRecords: patients,
      entries,
      submissions: files.length,
      megabytes: +(bytes / 1e6).toFixed(1),
      runs: [first, again],
      peakRssMbWhileGenerating: generatedPeakMb,
      peakRssMbWhileIngesting: Math.round(ingestPeak / 1024 / 1024),
      note: 'one process holds the gateway, every subgraph, the generator and the client; PostgreSQL is separate (durable)',
    };
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await hub.stop();
  }
}

// The benchmark's data: N synthetic children (seed/src/synthetic.ts) in four databases named
// bench_hub_*, seeded once and reused while a marker says they hold the same N and seed. The
// children the scenarios read (known to all three agencies) get need-to-know allocations for the
// demo professionals and the family's consent, so a joint view discloses every part.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { createProgress, generatePopulation, prepareDatabases, seed, type DatabaseUrls, type PopulationChild } from '@hub/seed';
import { grantAll } from '../kit/access';
import { ROOT } from './processes';

export const MARKER = join(ROOT, '.data', 'bench', 'population.json');
const POOL_SIZE = 3000;

interface Marker {
  server: string;
  children: number;
  seed: number;
  pool: { id: string; dateOfBirth: string }[];
}

async function childCount(governanceUrl: string): Promise<number> {
  const c = new Client({ connectionString: governanceUrl });
  await c.connect();
  try {
    return (await c.query('SELECT count(*)::int AS n FROM child')).rows[0].n;
  } finally {
    await c.end();
  }
}

/** The first children of the population known to all three agencies (the joint views' subjects). */
function readingPool(children: number, seedValue: number): PopulationChild[] {
  const pool: PopulationChild[] = [];
  for (const c of generatePopulation({ children, seed: seedValue })) {
    if (c.education && c.health && c.socialCare) pool.push(c);
    if (pool.length >= POOL_SIZE) break;
  }
  return pool;
}

export async function ensurePopulation(
  baseUrl: string,
  opts: { children: number; seed: number },
  log: (s: string) => void,
): Promise<{ urls: DatabaseUrls; ids: string[] }> {
  const urls = await prepareDatabases(baseUrl, { prefix: 'bench_' });
  // The embedded cluster starts on a free port each run; an external server is known by its host.
  const server = process.env.HUB_POSTGRES_URL ? new URL(baseUrl).host : 'embedded';
  const marker: Marker | undefined = existsSync(MARKER) ? JSON.parse(readFileSync(MARKER, 'utf8')) : undefined;
  if (
    marker &&
    marker.server === server &&
    marker.children === opts.children &&
    marker.seed === opts.seed &&
    (await childCount(urls.governance)) === opts.children
  ) {
    log(`reusing the seeded population (${opts.children} children, seed ${opts.seed})`);
    return { urls, ids: marker.pool.map((c) => c.id) };
  }
  rmSync(MARKER, { force: true });
  log(`seeding ${opts.children} synthetic children (seed ${opts.seed}) into bench_hub_*…`);
  const bar = createProgress(opts.children, { label: 'seed' });
  const result = await seed({ urls, children: opts.children, seed: opts.seed, reset: true, onProgress: (n) => bar.update(n) });
  bar.finish();
  const pool = readingPool(opts.children, opts.seed);
  if (pool.length === 0) throw new Error('the population has no child known to all three agencies: use more --children');
  await grantAll(urls.governance, pool);
  if (pool.length < 50)
    log(`only ${pool.length} children are known to all three agencies: the caseload holds that many (use more --children)`);
  log(`seeded in ${(result.ms / 1000).toFixed(1)}s; ${pool.length} children known to all three agencies are read by the scenarios`);
  mkdirSync(dirname(MARKER), { recursive: true });
  writeFileSync(
    MARKER,
    JSON.stringify({
      server,
      children: opts.children,
      seed: opts.seed,
      pool: pool.map((c) => ({ id: c.id, dateOfBirth: c.dateOfBirth })),
    } satisfies Marker),
  );
  return { urls, ids: pool.map((c) => c.id) };
}

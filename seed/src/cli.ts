// Seeding, reusable: create and migrate the four databases on one PostgreSQL server, then write
// the catalogue and a synthetic population. scripts/seed.mjs (npm run seed) starts PostgreSQL and
// calls main(); npm start and the benchmark call prepareDatabases() and seed() directly.
import { Client } from 'pg';
import { runMigrations, type MigrationClass } from '@hub/runtime/migrate';
import { readOptions, wholeNumber } from '@hub/runtime/cli-options';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { migrations as educationMigrations } from '@hub/education/migrations';
import { migrations as governanceMigrations } from '@hub/governance/migrations';
import { migrations as healthMigrations } from '@hub/health/migrations';
import { migrations as socialCareMigrations } from '@hub/social-care/migrations';
import { migrations as commissioningMigrations } from '@hub/commissioning/migrations';
import { migrations as familyMigrations } from '@hub/family/migrations';
import { createProgress } from './progress';
import { generatePopulation } from './synthetic';
import { countRows, isEmpty, truncateAll, writeCatalogue, writePopulation, type DatabaseUrls } from './writers';

export const MIGRATIONS: Record<SubgraphName, MigrationClass[]> = {
  governance: governanceMigrations,
  education: educationMigrations,
  health: healthMigrations,
  'social-care': socialCareMigrations,
  family: familyMigrations,
  commissioning: commissioningMigrations,
};

export const DEFAULT_CHILDREN = 100_000;
export const DEFAULT_SEED = 42;

/** The URL of `database` on the server of `baseUrl` (postgres://user:pass@host:port[/anything]). */
export function databaseUrl(baseUrl: string, database: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The four databases' URLs on one server, by the names in SUBGRAPHS (or with a name prefix). */
export function databaseUrls(baseUrl: string, prefix = ''): DatabaseUrls {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.name, databaseUrl(baseUrl, prefix + s.database)])) as DatabaseUrls;
}

/** True when a PostgreSQL server answers at `url` (used to reuse a cluster already running). */
export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl(url, 'postgres'), connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database if it does not exist. */
export async function createDatabase(baseUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(baseUrl, 'postgres') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (r.rowCount) return;
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (e) {
    // 42P04 duplicate_database; 23505 when two processes create it at the same moment.
    const code = (e as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the database if it exists (tests); terminates its sessions first. */
export async function dropDatabase(baseUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(baseUrl, 'postgres') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the four subgraph databases on the server at `baseUrl` if missing and runs each one's
 * migrations. `prefix` gives test databases their own names. Returns the databases' URLs.
 */
export async function prepareDatabases(baseUrl: string, opts: { prefix?: string } = {}): Promise<DatabaseUrls> {
  const urls = databaseUrls(baseUrl, opts.prefix);
  // One at a time: concurrent CREATE DATABASE from the same template can contend.
  for (const s of SUBGRAPHS) await createDatabase(baseUrl, (opts.prefix ?? '') + s.database);
  await Promise.all(SUBGRAPHS.map((s) => runMigrations(urls[s.name], MIGRATIONS[s.name])));
  return urls;
}

export interface SeedOptions {
  urls: DatabaseUrls;
  children: number;
  seed: number;
  /** Empty the databases first. Without it, databases that already hold children are left alone. */
  reset?: boolean;
  batchSize?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  /** True when the databases already held children and reset was not asked for. */
  skipped: boolean;
  children: number;
  /** Rows inserted by this run, keyed `<subgraph>.<table>`. */
  rows: Record<string, number>;
  /** Values changed to satisfy the databases' constraints (see StorageMapper in writers.ts). */
  adjustments: Record<string, number>;
  ms: number;
}

/** Writes the catalogue and a synthetic population into migrated databases. */
export async function seed(opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  if (opts.reset) await truncateAll(opts.urls);
  else if (!(await isEmpty(opts.urls))) return { skipped: true, children: 0, rows: {}, adjustments: {}, ms: Date.now() - started };
  const catalogue = await writeCatalogue(opts.urls);
  const written = await writePopulation(generatePopulation({ children: opts.children, seed: opts.seed }), opts.urls, {
    batchSize: opts.batchSize,
    onProgress: opts.onProgress,
  });
  const rows = { ...catalogue, ...written.rows };
  return {
    skipped: false,
    children: written.children,
    rows: Object.fromEntries(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b))),
    adjustments: written.adjustments,
    ms: Date.now() - started,
  };
}

export interface CliOptions {
  children: number;
  seed: number;
  reset: boolean;
  batchSize?: number;
  help: boolean;
}

export const USAGE = `Usage: npm run seed -- [--children N] [--seed S] [--reset] [--batch-size N]

Creates and migrates the hub's four databases, then writes the service catalogue and a
synthetic population of N children (default ${DEFAULT_CHILDREN}) generated from seed S (default ${DEFAULT_SEED}).
Databases that already hold children are left alone unless --reset is given.

Environment: HUB_POSTGRES_URL   use this PostgreSQL server instead of the embedded one
             HUB_PG_PORT        port of the embedded server (default 5433; data in .data/pg)`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const o = readOptions(argv, {
    children: { type: 'string', short: 'n', needs: 'an integer >= 0' },
    seed: { type: 'string', short: 's', needs: 'an integer >= 0' },
    'batch-size': { type: 'string', needs: 'an integer >= 1' },
    reset: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    children: wholeNumber('--children', o.children, 0) ?? DEFAULT_CHILDREN,
    seed: wholeNumber('--seed', o.seed, 0) ?? DEFAULT_SEED,
    reset: o.reset ?? false,
    batchSize: wholeNumber('--batch-size', o['batch-size'], 1),
    help: o.help ?? false,
  };
}

function table(rows: Record<string, number>): string {
  const width = Math.max(...Object.keys(rows).map((k) => k.length), 5);
  return Object.entries(rows)
    .map(([k, n]) => `  ${k.padEnd(width)} ${String(n).padStart(9)}`)
    .join('\n');
}

/**
 * The command line, given a PostgreSQL server (scripts/seed.mjs starts one). Returns the exit code.
 */
export async function main(opts: {
  baseUrl: string;
  argv: readonly string[];
  out?: NodeJS.WritableStream;
  err?: NodeJS.WriteStream;
}): Promise<number> {
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const cli = parseArgs(opts.argv);
  if (cli.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const t0 = Date.now();
  const urls = await prepareDatabases(opts.baseUrl);
  const tMigrated = Date.now();
  out.write(`databases ready (${SUBGRAPHS.map((s) => s.database).join(', ')}) in ${((tMigrated - t0) / 1000).toFixed(1)}s\n`);
  out.write(`seeding ${cli.children} children (seed ${cli.seed})${cli.reset ? ', replacing existing data' : ''}\n`);
  const progress = createProgress(cli.children, { stream: err, label: 'seed' });
  const result = await seed({
    urls,
    children: cli.children,
    seed: cli.seed,
    reset: cli.reset,
    batchSize: cli.batchSize,
    onProgress: (n) => progress.update(n),
  });
  if (result.skipped) {
    const rows = await countRows(urls);
    out.write(`the databases already hold ${rows['governance.child'] ?? 0} children: nothing written (pass --reset to replace them)\n`);
    return 0;
  }
  progress.finish();
  const secs = result.ms / 1000;
  out.write(
    `wrote ${result.children} children in ${secs.toFixed(1)}s (${Math.round(result.children / Math.max(secs, 0.001))} children/s)\n`,
  );
  out.write(`rows per table:\n${table(result.rows)}\n`);
  const adjusted = Object.entries(result.adjustments);
  if (adjusted.length) out.write(`adjusted to fit the databases' constraints:\n${table(result.adjustments)}\n`);
  return 0;
}

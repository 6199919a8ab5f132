import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './postgres.mjs';
import { PostgresUnreachable } from './postgres-reach.mjs';

export default async function globalSetup() {
  let pg;
  try {
    pg = await startPostgres();
  } catch (e) {
    // One sentence that says what to do, not a stack trace (tests/kit/postgres-reach.mjs).
    if (!(e instanceof PostgresUnreachable)) throw e;
    console.error(`\n${e.message}\n`);
    process.exit(1);
  }
  globalThis.__HUB_PG__ = pg;
  // Workers inherit the environment, so this is how every test file finds the server.
  process.env.HUB_TEST_POSTGRES_URL = pg.url;
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  // Every logger of the run (workers and the services they spawn) appends JSON lines to one file,
  // not stdout; the teardown scans it for personal data.
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'info';
  process.env.LOG_FILE = process.env.LOG_FILE || join(tmpdir(), `hub-test-logs-${process.pid}-${Date.now()}.jsonl`);
  globalThis.__HUB_LOG_FILE__ = process.env.LOG_FILE;
}

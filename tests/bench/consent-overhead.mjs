// npm run bench:consent -- [--children N] [--seconds S] [--concurrency C]
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { startPostgres } from '../kit/postgres.mjs';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ||= 'silent';
register();
const require = createRequire(import.meta.url);
const { run } = require('./consent-overhead.ts');
const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const pg = await startPostgres();
try {
  await run(pg.url, { children: arg('children', 20000), seconds: arg('seconds', 20), concurrency: arg('concurrency', 10) });
} finally {
  await pg.stop();
}
process.exit(0);

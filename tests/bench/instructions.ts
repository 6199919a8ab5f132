// Instructions one joint view costs each process: a figure that other load on the machine does not
// move, unlike requests/s and even CPU time. The gateway and every subgraph start under valgrind's
// callgrind with instrumentation off; after a warm-up (JIT, pools, plan caches) instrumentation is
// switched on (callgrind_control) for a window of sequential joint views, then off, five times;
// each process's least window is divided by the requests in it. PostgreSQL is not counted (its
// backends would have to start under valgrind); `perf stat` would count it, but this machine's
// virtual CPUs expose no counters.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SubgraphName } from '@hub/schema';
import type { DatabaseUrls } from '@hub/seed';
import { errorSample, post } from './load';
import { startApolloGateway, startSubgraphs, stop, type Proc } from './processes';
import { JOINT_VIEW } from './queries';

const run = promisify(execFile);
export const CALLGRIND_DIR = join(__dirname, 'results', 'callgrind');
const WARMUP = 300;
/** Counted windows; each process's figure is its least window. Under valgrind a request takes tens
 *  of times longer while timers keep their wall-clock period, so a window can hold several audit
 *  sealing batches, a major GC or a JIT tier-up: three windows measured 5 M, 18 M and 6 M for one
 *  subgraph. The least is the request's own cost with the least such background in it. */
const WINDOWS = 5;
/** The subgraphs a joint view calls; the others idle and are not counted. */
const JOINT_VIEW_SUBGRAPHS = ['governance', 'education', 'health', 'social-care'];
const MEASURED = 10;

/** Why instruction counts cannot be taken here, or undefined when they can. */
export function callgrindMissing(): string | undefined {
  if (process.platform !== 'linux') return 'callgrind runs on Linux only';
  for (const bin of ['valgrind', 'callgrind_control'])
    if (!['/usr/bin', '/usr/local/bin'].some((d) => existsSync(join(d, bin)))) return `${bin} is not installed`;
  return undefined;
}

/** The `totals:` line (instructions executed, Ir) of each numbered dump callgrind wrote for `name`. */
export function dumpTotals(dir: string, name: string): number[] {
  return readdirSync(dir)
    .filter((f) => new RegExp(`^${name}\\.callgrind\\.\\d+$`).test(f))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((f) => Number(/^totals:\s+(\d+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? 0));
}

/** One callgrind_control command to each process in turn; it reports a process it cannot reach on
 *  stdout with exit 0, so anything but "OK" for each is an error. */
async function control(procs: Proc[], arg: string): Promise<void> {
  for (const p of procs) {
    const env = { ...process.env };
    if (p.host === undefined) delete env.HOST;
    else env.HOST = p.host;
    const { stdout, stderr } = await run('callgrind_control', [arg, String(p.child.pid)], { timeout: 300_000, env });
    if (!/\bOK\b/.test(stdout)) throw new Error(`callgrind_control ${arg} ${p.name}: ${(stdout + stderr).trim().slice(0, 300)}`);
  }
}

/** Instructions per joint view for the gateway and each subgraph, or the reason there are none. */
export async function jointViewInstructions(o: {
  urls: DatabaseUrls;
  ports: { subgraphs: Record<string, number>; gateway: number };
  token: string;
  ids: string[];
  log: (s: string) => void;
  /** Another checkout's processes (a --baseline's); by default this one's. */
  checkout?: string;
}): Promise<{ perRequest?: Record<string, number>; requests: number; skipped?: string }> {
  const missing = callgrindMissing();
  if (missing) return { requests: 0, skipped: missing };
  const dir = o.checkout ? join(CALLGRIND_DIR, 'baseline') : CALLGRIND_DIR;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const whose = o.checkout ? ` of ${o.checkout}` : '';
  o.log(`instruction counts${whose}: starting the gateway and the subgraphs under callgrind (slow: a few minutes)…`);
  const procs: Proc[] = [];
  try {
    const subgraphs = await startSubgraphs(o.urls, o.ports.subgraphs as Record<SubgraphName, number>, {
      callgrind: { dir, names: JOINT_VIEW_SUBGRAPHS },
      checkout: o.checkout,
    });
    procs.push(...subgraphs.procs);
    // Under valgrind a subgraph answers tens of times slower than the gateway's usual time limit.
    const gw = await startApolloGateway(
      o.ports.gateway,
      subgraphs,
      { SUBGRAPH_TIMEOUT_MS: '300000' },
      { callgrindDir: dir, checkout: o.checkout },
    );
    procs.push(...gw.procs);
    const view = async (n: number) => {
      const r = await post(
        gw.url,
        { authorization: `Bearer ${o.token}` },
        JSON.stringify({ query: JOINT_VIEW, variables: { id: o.ids[n % o.ids.length] } }),
      );
      if (r.status !== 200 || r.text.includes('"errors"'))
        throw new Error(`a joint view under callgrind failed: ${errorSample(r.status, r.text)}`);
    };
    o.log(`instruction counts: warming up with ${WARMUP} joint views…`);
    for (let i = 0; i < WARMUP; i++) await view(i);
    const counted = procs.filter((p) => p.slow);
    for (let w = 1; w <= WINDOWS; w++) {
      await control(counted, '--instr=on');
      for (let i = 0; i < MEASURED; i++) await view(WARMUP + w * MEASURED + i);
      await control(counted, '--instr=off');
      await control(counted, '--dump');
      // The dump is written when the process next runs; callgrind_control says OK even when it
      // never reached the process, so a missing dump is an error, not a zero.
      for (const p of counted) {
        const dump = join(dir, `${p.name}.callgrind.${w}`);
        for (let waited = 0; !existsSync(dump); waited += 500) {
          if (waited > 60_000) throw new Error(`callgrind wrote no dump for ${p.name}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
    const perRequest = Object.fromEntries(counted.map((p) => [p.name, Math.round(Math.min(...dumpTotals(dir, p.name)) / MEASURED)]));
    o.log(
      `instruction counts${whose}, each window (millions per joint view): ${counted
        .map(
          (p) =>
            `${p.name} ${dumpTotals(dir, p.name)
              .map((t) => (t / MEASURED / 1e6).toFixed(2))
              .join(' / ')}`,
        )
        .join('; ')}`,
    );
    return { perRequest, requests: MEASURED * WINDOWS };
  } finally {
    await stop(procs);
  }
}

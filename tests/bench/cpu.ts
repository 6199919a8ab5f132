// CPU time each process spent, from /proc (Linux): a per-request cost that other work on the
// machine barely changes, unlike requests/s and latency. A process counts with its live
// descendants (gateway workers, PostgreSQL backends), and those that ended. Elsewhere it reports nothing.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  ppid: number;
  ticks: number;
}

function snapshot(): Map<number, Stat> {
  const out = new Map<number, Stat>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields count from after it.
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      // utime + stime, plus cutime + cstime: children that exited and were reaped (a PostgreSQL
      // backend closed by an idle pool) stay counted in their parent.
      out.set(Number(p), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {}
  }
  return out;
}

/** CPU milliseconds of each named root process and its live descendants. */
export function cpuMs(roots: Record<string, number | undefined>): Record<string, number> {
  const snap = snapshot();
  const children = new Map<number, number[]>();
  for (const [pid, s] of snap) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const total = (pid: number): number => (snap.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((a, c) => a + total(c), 0);
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) if (pid !== undefined && snap.has(pid)) out[name] = total(pid) * TICK_MS;
  return out;
}

/** Per-request CPU milliseconds between two readings. */
export function perRequest(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after)
      .filter((k) => k in before)
      .map((k) => [k, requests ? +((after[k] - before[k]) / requests).toFixed(2) : 0]),
  );
}

// Drives one scenario with autocannon over loopback and counts, separately and exactly, the SQL
// statements one request costs each subgraph.
import autocannon from 'autocannon';
import type { SubgraphName } from '@hub/schema';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** The request body for the n-th request (varies the child). */
  body(n: number): string;
  /** True when the response is what the scenario expects (for most, 200 and no GraphQL errors). */
  ok(status: number, body: string): boolean;
}

export interface Measured {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  /** A few distinct reasons for the errors (status and GraphQL error codes/messages, never data). */
  samples?: string[];
}

/** Why a response was wrong, without its data: the status and its errors' codes and messages. */
export function errorSample(status: number, body: string): string {
  try {
    const errs = (JSON.parse(body).errors ?? []) as { message?: string; extensions?: { code?: string } }[];
    return `${status} ${errs.map((e) => `${e.extensions?.code ?? ''}: ${String(e.message).slice(0, 120)}`).join('; ') || 'no GraphQL error'}`;
  } catch {
    return `${status} (not JSON)`;
  }
}

export const okGraphQL = (status: number, body: string) => status === 200 && !body.includes('"errors"');

export async function drive(req: LoadRequest, connections: number, seconds: number): Promise<Measured> {
  let n = 0;
  let bad = 0;
  const samples = new Set<string>();
  const result = await autocannon({
    url: req.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...req.headers },
        setupRequest: (r: any) => ({ ...r, body: req.body(n++) }),
        onResponse: (status: number, body: string) => {
          if (req.ok(status, body)) return;
          bad++;
          if (samples.size < 3) samples.add(errorSample(status, body));
        },
      },
    ],
  } as any);
  const r = result as any;
  return {
    requests: r.requests.total,
    seconds: r.duration ?? seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: bad + r.errors,
    samples: [
      ...samples,
      ...(r.timeouts ? [`${r.timeouts} timed out (10 s)`] : []),
      ...(r.errors - r.timeouts > 0 ? [`${r.errors - r.timeouts} connection errors`] : []),
    ],
  };
}

/** Waits until no subgraph runs statements any more: requests a load run left in flight finish. */
export async function settle(
  statements: () => Promise<Record<SubgraphName, number>>,
  quietMs = 300,
  timeoutMs = 30_000,
): Promise<Record<SubgraphName, number>> {
  const deadline = Date.now() + timeoutMs;
  let last = await statements();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await statements();
    if (Object.keys(now).every((k) => now[k as SubgraphName] === last[k as SubgraphName])) return now;
    last = now;
  }
  throw new Error('the subgraphs kept running statements with no load: cannot count a request');
}

/** One request at a time, `count` times, on quiet subgraphs, and the statements each ran: exact. */
export async function countStatements(
  send: (n: number) => Promise<void>,
  statements: () => Promise<Record<SubgraphName, number>>,
  count = 20,
): Promise<Record<string, number>> {
  const before = await settle(statements);
  for (let i = 0; i < count; i++) await send(i);
  const after = await statements();
  return Object.fromEntries(Object.keys(after).map((k) => [k, (after[k as SubgraphName] - before[k as SubgraphName]) / count]));
}

export async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

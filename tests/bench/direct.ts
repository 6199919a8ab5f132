// The limit the gateway is measured against: the same joint view answered by calling the subgraphs
// straight from the load driver, without a gateway. Governance gives the child and its signed
// access context, then the three agency subgraphs' _entities run in parallel, as in the gateway's
// query plan. A closed loop of `connections` workers over keep-alive connections.
import { Agent, request } from 'node:http';
import type { SubgraphName } from '@hub/schema';
import { DIRECT_GOVERNANCE, directEntities } from './queries';
import type { Measured } from './load';

const AGENCIES = ['education', 'health', 'social-care'] as const;

function postJson(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One joint view, direct. Resolves true when every call answered without errors. */
export function directJointView(base: Record<SubgraphName, string>, identity: Record<string, string>, agent: Agent) {
  const gov = new URL(`${base.governance}/graphql`);
  const agencyUrls = AGENCIES.map((a) => [new URL(`${base[a]}/graphql`), directEntities(a)] as const);
  return async (id: string): Promise<boolean> => {
    const g = await postJson(agent, gov, identity, JSON.stringify({ query: DIRECT_GOVERNANCE, variables: { id } }));
    const child = g.json?.data?.child;
    if (g.status !== 200 || g.json.errors || !child) return false;
    const parts = await Promise.all(
      agencyUrls.map(([url, query]) => postJson(agent, url, identity, JSON.stringify({ query, variables: { representations: [child] } }))),
    );
    return parts.every((p) => p.status === 200 && !p.json.errors && Array.isArray(p.json.data?._entities));
  };
}

export async function driveDirect(call: (n: number) => Promise<boolean>, connections: number, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const t = process.hrtime.bigint();
        const ok = await call(n++).catch(() => false);
        if (!ok) errors++;
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests: latencies.length, seconds: elapsed, p50: pct(50), p99: pct(99), errors };
}

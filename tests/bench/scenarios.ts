// What the benchmark runs: a registry, so a new scenario is one entry. `layout` says which
// processes must be up (the Apollo gateway on guarded subgraphs, Hive Gateway on the same
// subgraphs, or the Apollo gateway on the benchmark-only unguarded build); `needs` names the
// supergraph root fields an entry depends on, so an entry for a feature not yet merged is skipped
// with a message instead of failing.
import type { SubgraphName } from '@hub/schema';
import { directJointView } from './direct';
import { okGraphQL, type LoadRequest } from './load';
import { AMEND_ADVICE, CASELOAD, COMMISSIONING, JOINT_VIEW } from './queries';
import { NAMES } from './report';
import type { Agent } from 'node:http';

export type Layout = 'apollo' | 'hive' | 'hive-router' | 'unguarded';

export interface ScenarioEnv {
  /** The running gateway's /graphql (Apollo or Hive, by layout). */
  gatewayUrl: string;
  /** A user JWT of the demo EHC coordinator, allocated to every child in `ids`. */
  token: string;
  /** Children known to all three agencies, with allocations and consent. */
  ids: string[];
  /** `<subgraph> → base URL` of the running subgraphs. */
  base: Record<SubgraphName, string>;
  /** A pre-signed x-hub-identity header, for calls straight to the subgraphs. */
  identity: Record<string, string>;
  agent: Agent;
  /** User JWTs of the demo paediatrician (trust RX1) and commissioner. */
  tokens: { paediatrician: string; commissioner: string };
  /** Health advice given by RX1 in the population, for amendments (new versions). */
  adviceIds: string[];
}

export interface Scenario {
  name: string;
  layout: Layout;
  connections: number;
  /** Root fields (`Query.x`, `Mutation.y`) the entry needs in the supergraph. */
  needs?: string[];
  /** What autocannon sends. */
  request?(env: ScenarioEnv): LoadRequest;
  /** Instead of autocannon: one operation of a custom driver (the direct-to-subgraphs limit). */
  direct?(env: ScenarioEnv): (n: number) => Promise<boolean>;
  /** Requests sent to warm up before measuring (default 100). */
  warmup?: number;
  /** Sequential requests the SQL statement count is averaged over (default 20). */
  sqlSamples?: number;
}

const jointView = (env: ScenarioEnv): LoadRequest => ({
  url: env.gatewayUrl,
  headers: { authorization: `Bearer ${env.token}` },
  body: (n) => JSON.stringify({ query: JOINT_VIEW, variables: { id: env.ids[n % env.ids.length] } }),
  ok: (status, body) => okGraphQL(status, body) && body.includes('"education":{'),
});

const CASELOAD_SIZE = 50;

export const SCENARIOS: Scenario[] = [
  // Run in this order: the joint view at 10 connections and the scenarios it is compared with
  // (direct, Hive, unguarded) come one after another, so other load on the machine changes least
  // between the two sides of a ratio.
  ...[1, 50].map((c): Scenario => ({ name: NAMES.joint(c), layout: 'apollo', connections: c, request: jointView })),
  {
    name: NAMES.caseload,
    layout: 'apollo',
    connections: 10,
    request: (env) => ({
      url: env.gatewayUrl,
      headers: { authorization: `Bearer ${env.token}` },
      body: (n) => {
        const start = (n * CASELOAD_SIZE) % Math.max(1, env.ids.length - CASELOAD_SIZE);
        return JSON.stringify({ query: CASELOAD, variables: { ids: env.ids.slice(start, start + CASELOAD_SIZE) } });
      },
      ok: okGraphQL,
    }),
  },
  {
    // The cost of saying no: no token, so the gateway refuses before planning anything.
    name: 'unauthenticated, rejected (10 conn)',
    layout: 'apollo',
    connections: 10,
    request: (env) => ({
      url: env.gatewayUrl,
      headers: {},
      body: (n) => JSON.stringify({ query: JOINT_VIEW, variables: { id: env.ids[n % env.ids.length] } }),
      ok: (status, body) => status === 401 && body.includes('UNAUTHENTICATED'),
    }),
  },
  { name: NAMES.joint(10), layout: 'apollo', connections: 10, request: jointView },
  {
    name: NAMES.direct,
    layout: 'apollo',
    connections: 10,
    direct: (env) => {
      const call = directJointView(env.base, env.identity, env.agent);
      return (n) => call(env.ids[n % env.ids.length]);
    },
  },
  { name: NAMES.hive, layout: 'hive', connections: 10, request: jointView },
  // Hive Gateway with Hive Router's Rust query planner (@graphql-hive/router-runtime), same config.
  { name: NAMES.hiveRouter, layout: 'hive-router', connections: 10, request: jointView },
  { name: NAMES.unguarded, layout: 'unguarded', connections: 10, request: jointView },
  ...COMMISSIONING.map(([label, query]): Scenario => ({
    name: `commissioning: ${label} (1 conn)`,
    layout: 'apollo',
    connections: 1,
    warmup: 3,
    sqlSamples: 3,
    needs: [`Query.${query.match(/\{\s*(\w+)/)![1]}`],
    request: (env) => ({
      url: env.gatewayUrl,
      headers: { authorization: `Bearer ${env.tokens.commissioner}` },
      body: () => JSON.stringify({ query }),
      // A table refused as too sparse for the bench's population (the four-way counts at 100,000
      // children, docs/commissioning.md) is the right answer: the same extracts, join and counting, no CSV.
      ok: (status, body) => (okGraphQL(status, body) && body.includes('"csv":')) || (status === 200 && body.includes('"TABLE_TOO_SPARSE"')),
    }),
  })),
  // Writes last: the peer messages they queue are delivered for a while after, and would be
  // counted in the next scenario's statements.
  {
    // Writes: a paediatrician amends RX1's advice, so every request inserts a new version (and
    // queues the peer message telling education). Each request has its own idempotency key.
    name: 'advice amendment, writes (10 conn)',
    layout: 'apollo',
    connections: 10,
    needs: ['Mutation.amendHealthAdvice'],
    request: (env) => {
      const run = `bench-${Date.now().toString(36)}`;
      let sent = 0;
      return {
        url: env.gatewayUrl,
        headers: { authorization: `Bearer ${env.tokens.paediatrician}`, 'x-hub-purpose': 'EHC_ASSESSMENT' },
        body: (n) =>
          JSON.stringify({
            query: AMEND_ADVICE,
            variables: {
              id: env.adviceIds[n % env.adviceIds.length],
              input: {
                idempotencyKey: `${run}-${sent++}`,
                needs: ['Needs reviewed'],
                outcomes: ['Outcome reviewed'],
                provision: [{ description: 'Therapy block', provider: 'RX1' }],
                authorName: 'Bench Author',
                authorRole: 'Paediatrician',
                adviceDate: new Date().toISOString().slice(0, 10),
              },
            },
          }),
        ok: (status, body) => okGraphQL(status, body) && body.includes('"version":'),
      };
    },
  },
];

/** Why a scenario cannot run against this supergraph, or undefined when it can. */
export function skipReason(s: Scenario, rootFields: Set<string>): string | undefined {
  const missing = (s.needs ?? []).filter((f) => !rootFields.has(f));
  if (missing.length) return `the supergraph has no ${missing.join(', ')} yet (another branch)`;
  if (!s.request && !s.direct) return 'no request written for it yet';
  return undefined;
}

export function selected(s: Scenario, only: string[]): boolean {
  return only.length === 0 || only.some((w) => s.name.toLowerCase().includes(w.toLowerCase()));
}

// npm run bench -- --settings: the settings that matter for speed, one variant at a time, each on
// the joint view at 10 connections. What it printed last is in docs/performance.md.
import { writeFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { join } from 'node:path';
import type { SubgraphName } from '@hub/schema';
import type { DatabaseUrls } from '@hub/seed';
import { startApolloGateway, startSubgraphs, stop } from './processes';
import { NAMES, type ScenarioResult } from './report';
import { SCENARIOS, type ScenarioEnv } from './scenarios';
import { identityHeader, runScenario, warmUp } from './run';

interface Variant {
  name: string;
  gateway?: Record<string, string>;
  poolSize?: number;
}

export const VARIANTS: Variant[] = [
  { name: 'defaults' },
  { name: 'subgraph fetch: native (undici, keep-alive)', gateway: { GATEWAY_SUBGRAPH_FETCH: 'native' } },
  { name: 'subgraph fetch: apollo-default (make-fetch-happen, keep-alive)', gateway: { GATEWAY_SUBGRAPH_FETCH: 'apollo-default' } },
  { name: 'subgraph fetch: no keep-alive', gateway: { GATEWAY_SUBGRAPH_FETCH: 'no-keep-alive' } },
  { name: 'query plan + document cache off', gateway: { GATEWAY_PLAN_CACHE: 'off' } },
  { name: 'gateway workers: 2', gateway: { GATEWAY_WORKERS: '2' } },
  { name: 'subgraph pool size: 2', poolSize: 2 },
  { name: 'subgraph pool size: 5', poolSize: 5 },
  { name: 'subgraph pool size: 10', poolSize: 10 },
  { name: 'subgraph pool size: 20', poolSize: 20 },
];

export async function runSettings(o: {
  urls: DatabaseUrls;
  ids: string[];
  token: string;
  ports: { subgraphs: Record<string, number>; gateway: number };
  seconds: number;
  log: (s: string) => void;
  agent: Agent;
  pgPid?: number;
}) {
  const joint = SCENARIOS.find((s) => s.name === NAMES.joint(10))!;
  const out: (ScenarioResult & { variant: string; cpu: Record<string, number> })[] = [];
  for (const v of VARIANTS) {
    o.log(`settings: ${v.name}`);
    const subgraphs = await startSubgraphs(o.urls, o.ports.subgraphs as Record<SubgraphName, number>, { poolSize: v.poolSize });
    try {
      const gw = await startApolloGateway(o.ports.gateway, subgraphs, v.gateway);
      try {
        const env: ScenarioEnv = {
          gatewayUrl: gw.url,
          token: o.token,
          ids: o.ids,
          base: subgraphs.base,
          identity: await identityHeader(),
          agent: o.agent,
          tokens: { paediatrician: '', commissioner: '' },
          adviceIds: [],
        };
        await warmUp(env, [joint]);
        const roots = {
          gateway: gw.procs[0].child.pid,
          ...Object.fromEntries(subgraphs.procs.map((p) => [p.name, p.child.pid])),
          postgres: o.pgPid,
        };
        out.push({ variant: v.name, ...(await runScenario(joint, env, subgraphs, o.seconds, roots)) });
      } finally {
        await stop(gw.procs);
      }
    } finally {
      await stop(subgraphs.procs);
    }
  }
  writeFileSync(join(__dirname, 'results', 'settings.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    '\nsettings (joint view, 10 connections; CPU ms per request: the gateway, and every process including the load client and PostgreSQL):',
  );
  for (const r of out)
    console.log(
      `  ${r.variant.padEnd(64)} ${String(r.rps).padStart(7)} req/s  p50 ${String(r.p50_ms).padStart(6)} ms  p99 ${String(r.p99_ms).padStart(6)} ms  errors ${r.errors}  CPU ms/req: gateway ${r.cpu.gateway ?? '-'}, all ${Object.values(
        r.cpu,
      )
        .reduce((a, b) => a + b, 0)
        .toFixed(1)}`,
    );
  console.log('written: tests/bench/results/settings.json');
}

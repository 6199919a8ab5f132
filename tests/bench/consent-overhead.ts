// How much of a joint view's server time goes to consent decisions and audit writes (issue: the
// two together at most 15%). Timed inside each request by the subgraphs themselves (GET /stats
// timing): decision time includes verifying the signed access context; audit time is the
// hash-chained insert. Drives joint views of children known to all three agencies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { startSubgraph, type RunningSubgraph, type Timing } from '@hub/common';
import { startGateway } from '@hub/gateway';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { generatePopulation, isEmpty, prepareDatabases, writeCatalogue, writePopulation, createProgress } from '@hub/seed';
import { DEFINITIONS } from '../kit/definitions';
import { grantAll } from '../kit/access';
import { tokenFor } from '../kit/hub';

const JOINT_VIEW = `query($id: ID!) { child(id: $id) { id
  education { upn givenName familyName dateOfBirth senStatus needs { senType } currentPlacement { placementType settingName } ehcPlan { status sectionB outcomes { description } } }
  health { nhsNumber diagnoses { code description } referrals { service waitDays waiting } episodes { service } }
  socialCare { laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } disabilities } } }`;

export async function run(pgUrl: string, opts: { children: number; seconds: number; concurrency: number }) {
  const urls = await prepareDatabases(pgUrl, { prefix: 'bench_' });
  const population = [...generatePopulation({ children: opts.children, seed: 42 })];
  const three = population.filter((c) => c.education && c.health && c.socialCare);
  if (await isEmpty(urls)) {
    console.log(`seeding ${opts.children} synthetic children…`);
    const bar = createProgress(opts.children, { label: 'seed' });
    await writeCatalogue(urls);
    await writePopulation(population, urls, { onProgress: (n) => bar.update(n) });
    bar.finish();
    await grantAll(urls.governance, three);
  }
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  for (const s of SUBGRAPHS) subgraphs[s.name] = await startSubgraph(DEFINITIONS[s.name], { databaseUrl: urls[s.name], migrate: false });
  const gateway = await startGateway({ subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphs[s.name].url])) });
  const token = await tokenFor('coordinator');
  const call = async (id: string) => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: JOINT_VIEW, variables: { id } }) });
    const body: any = await res.json();
    return res.ok && !body.errors;
  };
  for (let i = 0; i < 200; i++) await call(three[i % three.length].id); // warm up
  const before = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { ...subgraphs[s.name].timing }])) as Record<SubgraphName, Timing>;
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + opts.seconds * 1000;
  let n = 0;
  console.log(`driving joint views for ${opts.seconds}s at ${opts.concurrency} concurrent clients…`);
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (Date.now() < deadline) {
      const t = process.hrtime.bigint();
      if (!(await call(three[n++ % three.length].id))) errors++;
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const perSubgraph = SUBGRAPHS.filter((s) => s.name !== 'governance').map((s) => {
    const a = subgraphs[s.name].timing;
    const b = before[s.name];
    const server = a.serverMs - b.serverMs, policy = a.policyMs - b.policyMs, audit = a.auditMs - b.auditMs;
    return { subgraph: s.name, requests: a.requests - b.requests, server_ms: +server.toFixed(1), policy_ms: +policy.toFixed(1), audit_ms: +audit.toFixed(1), share: +(((policy + audit) / server) * 100).toFixed(1) };
  });
  const totals = perSubgraph.reduce((t, r) => ({ server: t.server + r.server_ms, policy: t.policy + r.policy_ms, audit: t.audit + r.audit_ms }), { server: 0, policy: 0, audit: 0 });
  const result = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    children: opts.children,
    joint_view: { requests: latencies.length, errors, rps: +(latencies.length / opts.seconds).toFixed(1), p50_ms: +pct(50).toFixed(1), p99_ms: +pct(99).toFixed(1) },
    subgraphs: perSubgraph,
    consent_and_audit_share_percent: +(((totals.policy + totals.audit) / totals.server) * 100).toFixed(1),
    decisions_share_percent: +((totals.policy / totals.server) * 100).toFixed(1),
    audit_share_percent: +((totals.audit / totals.server) * 100).toFixed(1),
  };
  console.table(perSubgraph);
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(join(__dirname, 'results', 'consent-overhead.json'), JSON.stringify(result, null, 2));
  await gateway.stop();
  for (const s of Object.values(subgraphs)) await s.stop();
  return result;
}

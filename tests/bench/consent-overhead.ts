// How much of a joint view's server time goes to consent decisions and audit writes (issue: the
// two together at most 15%). Timed inside each request by the subgraphs themselves (GET /stats
// timing): decision time includes verifying the signed access context; audit time is the
// hash-chained insert. Drives joint views of children known to all three agencies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { spawn } from 'node:child_process';
import type { Timing } from '@hub/common';
import { startGateway } from '@hub/gateway';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { generatePopulation, isEmpty, prepareDatabases, writeCatalogue, writePopulation, createProgress } from '@hub/seed';
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
  const guarded = await phase(urls, three.map((c) => c.id), opts, false);
  const unguarded = await phase(urls, three.map((c) => c.id), opts, true);
  const meanCost = (guarded.mean_ms - unguarded.mean_ms) / guarded.mean_ms;
  const result = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    children: opts.children,
    concurrency: opts.concurrency,
    guarded,
    unguarded_benchmark_build: { ...unguarded, subgraphs: undefined },
    // A/B: the share of a guarded joint view's latency that the guards and the audit add.
    consent_and_audit_cost_percent: +(meanCost * 100).toFixed(1),
    throughput_ratio_guarded_vs_unguarded: +(guarded.rps / unguarded.rps).toFixed(3),
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(join(__dirname, 'results', 'consent-overhead.json'), JSON.stringify(result, null, 2));
  return result;
}

async function phase(urls: Record<SubgraphName, string>, ids: string[], opts: { seconds: number; concurrency: number }, unguarded: boolean) {
  // Each subgraph in its own process, as deployed, so one service's CPU does not count as another's.
  const children = SUBGRAPHS.map((s, i) => spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'subgraph-process.ts'), s.name, urls[s.name], String(5101 + i), unguarded ? 'unguarded' : 'guarded'], { stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent' } }));
  const base = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, `http://127.0.0.1:${5101 + i}`]));
  for (const s of SUBGRAPHS) await waitLive(base[s.name]);
  const stats = async () => Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, ((await (await fetch(`${base[s.name]}/stats`)).json()) as any).timing as Timing])));
  const subgraphs = { stop: () => Promise.all(children.map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); }))) };
  const gateway = await startGateway({ subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `${base[s.name]}/graphql`])) });
  const token = await tokenFor('coordinator');
  const call = async (id: string) => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: JOINT_VIEW, variables: { id } }) });
    const body: any = await res.json();
    return res.ok && !body.errors;
  };
  for (let i = 0; i < 200; i++) await call(ids[i % ids.length]); // warm up
  const before = await stats();
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + opts.seconds * 1000;
  let n = 0;
  console.log(`${unguarded ? 'unguarded (benchmark-only build)' : 'guarded'}: driving joint views for ${opts.seconds}s at ${opts.concurrency} concurrent clients…`);
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (Date.now() < deadline) {
      const t = process.hrtime.bigint();
      if (!(await call(ids[n++ % ids.length]))) errors++;
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const after = await stats();
  const perSubgraph = SUBGRAPHS.filter((s) => s.name !== 'governance' && s.name !== 'commissioning').map((s) => {
    const a = after[s.name];
    const b = before[s.name];
    const server = a.serverMs - b.serverMs, policy = a.policyMs - b.policyMs, audit = a.auditMs - b.auditMs;
    return { subgraph: s.name, requests: a.requests - b.requests, server_ms: +server.toFixed(1), policy_ms: +policy.toFixed(1), audit_ms: +audit.toFixed(1), share: +(((policy + audit) / server) * 100).toFixed(1) };
  });
  await gateway.stop();
  await subgraphs.stop();
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  // Timed inside the requests (guarded build only): time in decisions and in audit writes,
  // including what they wait for on a shared event loop, so an upper bound.
  return { requests: latencies.length, errors, rps: +(latencies.length / opts.seconds).toFixed(1), mean_ms: +mean.toFixed(2), p50_ms: +pct(50).toFixed(1), p99_ms: +pct(99).toFixed(1), subgraphs: unguarded ? undefined : perSubgraph };
}

async function waitLive(base: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/live`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not start`);
}

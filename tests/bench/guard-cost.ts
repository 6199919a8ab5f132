// Where a guarded subgraph request spends its time, next to the benchmark-only unguarded build:
// one agency subgraph in this process, `_entities` for one child at a time, sequentially, so wall
// time per request is the path's cost (node + PostgreSQL) without queueing. Diagnostic, not a goal.
import { cpus } from 'node:os';
import { authSettings } from '@hub/runtime/settings/auth';
import { identityCodec } from '@hub/guard/auth';
import { startSubgraph } from '@hub/host/subgraph';
import type { SubgraphName } from '@hub/schema';
import { generatePopulation, isEmpty, prepareDatabases, writeCatalogue, writePopulation } from '@hub/seed';
import { DEFINITIONS } from '../kit/definitions';
import { cpuMs } from './cpu';
import { openAccessContext } from '../kit/access';

const FIELDS: Record<string, string> = {
  education:
    'education { upn givenName familyName dateOfBirth senStatus needs { senType } currentPlacement { placementType settingName } ehcPlan { status sectionB outcomes { description } } }',
  health: 'health { nhsNumber diagnoses { code description } referrals { service waitDays waiting } episodes { service } }',
  'social-care': 'socialCare { laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } disabilities }',
};

export async function run(pgUrl: string, opts: { requests: number; subgraph: SubgraphName; postmaster: number }) {
  const urls = await prepareDatabases(pgUrl, { prefix: 'guardcost_' });
  const population = [...generatePopulation({ children: 3000, seed: 42 })].filter((c) => c.education && c.health && c.socialCare);
  if (await isEmpty(urls)) {
    await writeCatalogue(urls);
    await writePopulation(population, urls);
  }
  const secret = authSettings().internalSecret;
  const identity = identityCodec(secret);
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { ${FIELDS[opts.subgraph]} } } }`;
  const out: Record<string, unknown> = {
    machine: { cpus: cpus().length, node: process.version },
    subgraph: opts.subgraph,
    requests: opts.requests,
  };
  for (const mode of ['unguarded', 'guarded', 'unguarded', 'guarded'] as const) {
    // Identity tokens and access contexts live 60 s: signed afresh for each phase.
    const reps = population.map((c) => ({ __typename: 'Child', id: c.id, accessContext: openAccessContext(c.id) }));
    const token = await identity.sign(
      { sub: 'u-ehc-1', name: 'x', org: 'LA937', roles: ['ehc_coordinator'], agency: 'EDUCATION' },
      `req-${mode}`,
    );
    const s = await startSubgraph(DEFINITIONS[opts.subgraph], {
      databaseUrl: urls[opts.subgraph],
      migrate: false,
      unguardedForBenchmark: mode === 'unguarded',
    });
    const call = async (i: number) => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-identity': token },
        body: JSON.stringify({ query, variables: { r: [reps[i % reps.length]] } }),
      });
      const body: any = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
    };
    for (let i = 0; i < 300; i++) await call(i);
    const cpu0 = process.cpuUsage();
    const pg0 = cpuMs({ postgres: opts.postmaster }).postgres;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < opts.requests; i++) await call(i);
    const wall = Number(process.hrtime.bigint() - t0) / 1e6 / opts.requests;
    const cpu = process.cpuUsage(cpu0);
    const pgMs = cpuMs({ postgres: opts.postmaster }).postgres - pg0;
    await s.stop();
    const r = {
      wall_ms_per_request: +wall.toFixed(3),
      node_cpu_ms_per_request: +((cpu.user + cpu.system) / 1000 / opts.requests).toFixed(3),
      postgres_cpu_ms_per_request: +(pgMs / opts.requests).toFixed(3),
    };
    console.log(mode, r);
    out[mode] = r;
  }
  return out;
}

// Where a commissioning query's CPU goes, piece by piece, on the benchmark's database (seed it first
// with tests/bench/commissioning.ts, which leaves PostgreSQL stopped: start it on the same port).
// For each query: each agency's extract statement with the fields the query asks for (wall time
// and the PostgreSQL backend's CPU, read from /proc), then the join and the measure in this
// process (wall and CPU). No HTTP or GraphQL: the benchmark itself measures those.
// Run: HUB_BENCH_PG_PORT=5499 npx tsx tests/bench/commissioning-profile.ts [--children N] [--runs R]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createDb } from '@hub/runtime/db';
import { DEV_COMMISSIONING_KEY } from '@hub/runtime/settings/secrets';
import { extractStatement, SECTION_SEPARATOR, type AgencyExtract } from '@hub/agency-kit/commissioning/extract';
import { hmacPads } from '@hub/agency-kit/commissioning/key';
import { type ExtractAgency } from '@hub/agency-kit/commissioning/layout';
import { COMMISSIONING_EXTRACT as EDUCATION } from '../../subgraphs/education/src/commissioning-extract';
import { COMMISSIONING_EXTRACT as HEALTH } from '../../subgraphs/health/src/commissioning-extract';
import { COMMISSIONING_EXTRACT as SOCIAL_CARE } from '../../subgraphs/social-care/src/commissioning-extract';
import { joinExtracts } from '../../subgraphs/commissioning/src/population';
import { parseQuery, type Measure } from '../../subgraphs/commissioning/src/query';
import { childCounts } from '../../subgraphs/commissioning/src/measures/counts';
import { placementMix } from '../../subgraphs/commissioning/src/measures/placement-mix';
import { waits } from '../../subgraphs/commissioning/src/measures/waits';
import { capacityDemand } from '../../subgraphs/commissioning/src/measures/capacity';
import { timeliness } from '../../subgraphs/commissioning/src/measures/timeliness';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const children = arg('children', 100_000);
const runs = arg('runs', 3);
const base = process.env.HUB_BENCH_PG_URL ?? `postgres://hub:hub@127.0.0.1:${process.env.HUB_BENCH_PG_PORT || 5499}`;
const AS_AT = '2026-09-30';
const SPECS: Record<ExtractAgency, AgencyExtract<any>> = { education: EDUCATION, health: HEALTH, 'social-care': SOCIAL_CARE };

const QUERIES: [string, Measure<unknown>, string[], Record<string, string>][] = [
  ['counts 4 dims', childCounts, ['PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'], {}],
  ['counts age × LA × agencies', childCounts, ['AGE_BAND', 'LA', 'AGENCIES'], {}],
  ['counts 6 dims', childCounts, ['LA', 'SEN_STATUS', 'PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'], {}],
  ['counts locality 4 dims', childCounts, ['LOCALITY', 'AGE_BAND', 'SEN_STATUS', 'WAIT_CAMHS'], {}],
  ['placement mix', placementMix, ['LA'], { senStatus: 'EHC_PLAN' }],
  ['waits × locality', waits, ['LOCALITY'], {}],
  ['capacity', capacityDemand, [], {}],
  ['timeliness × LA', timeliness, ['LA'], {}],
];

const TICK_MS = 10; // /proc/<pid>/stat counts clock ticks (USER_HZ = 100)
function procCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c = cpuMs();
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, wallMs: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: cpuMs() - c };
}

async function main() {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const pads = hmacPads(DEV_COMMISSIONING_KEY);
  const dbs = {
    education: createDb(`${base}/benchc${children}_hub_education`, { max: 1 }),
    health: createDb(`${base}/benchc${children}_hub_health`, { max: 1 }),
    'social-care': createDb(`${base}/benchc${children}_hub_social_care`, { max: 1 }),
  };
  const pids = Object.fromEntries(
    await Promise.all(Object.entries(dbs).map(async ([k, db]) => [k, (await db.query('SELECT pg_backend_pid() AS p'))[0].p])),
  ) as Record<ExtractAgency, number>;
  for (let run = 0; run < runs; run++) {
    for (const [name, measure, dims, filter] of QUERIES) {
      const q = parseQuery(dims, { asAt: AS_AT, ...filter });
      const fields = measure.fields(q);
      const extracts: Record<string, string> = {};
      const parts: string[] = [];
      let pgCpu = 0;
      for (const agency of Object.keys(dbs) as ExtractAgency[]) {
        const before = procCpuMs(pids[agency]);
        const sql = extractStatement(SPECS[agency], fields[agency] ?? []);
        const r = await timed(async () => {
          const [row] = await dbs[agency].query(sql, [pads.ipad, pads.opad, randomBytes(16), AS_AT]);
          return row.timeliness === undefined
            ? row.extract
            : row.extract + SECTION_SEPARATOR + SPECS[agency].timeliness!.finish(row.timeliness, AS_AT);
        });
        extracts[agency] = r.value;
        const cpu = procCpuMs(pids[agency]) - before;
        pgCpu += cpu;
        parts.push(`${agency} ${r.wallMs.toFixed(0)}/${cpu}/${r.cpuMs.toFixed(0)}`);
      }
      const join = await timed(() => joinExtracts(extracts, fields));
      const population = { ...join.value, catalogue: [] };
      const m = await timed(() => measure.run(population, q));
      console.log(
        `${name.padEnd(28)} sql wall/pg cpu/node cpu ms: ${parts.join(', ')}; join ${join.wallMs.toFixed(0)}/${join.cpuMs.toFixed(0)} (${join.value.size}); measure ${m.wallMs.toFixed(0)}/${m.cpuMs.toFixed(0)}; cpu total ${(pgCpu + join.cpuMs + m.cpuMs).toFixed(0)}`,
      );
    }
  }
  await Promise.all(Object.values(dbs).map((d) => d.close()));
}

void main();

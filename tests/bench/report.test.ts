import { SUBGRAPHS } from '@hub/schema';
import { buildReport, formatTable, judgeGoals, NAMES, ratio, shapeScenario, type ScenarioResult } from './report';
import { rootFields } from './run';
import { SCENARIOS, skipReason } from './scenarios';
import { adaptForHive, supergraphFor } from './hive';
import { compareAnswers, firstDifference } from './answers';
import { readSupergraph } from '@hub/schema';
import { cpuMs, perRequest } from './cpu';

const sql = { governance: 2, education: 2, health: 2, 'social-care': 2 };
const result = (name: string, rps: number, p99 = 20, errors = 0, s: Record<string, number> = sql): ScenarioResult => ({
  name,
  rps,
  p50_ms: 10,
  p99_ms: p99,
  errors,
  sql_per_request: s,
});

describe('benchmark report', () => {
  it('shapes a measurement into the issue’s scenario shape', () => {
    const r = shapeScenario('x', {
      requests: 1001,
      seconds: 10,
      p50: 12.345,
      p99: 48.04,
      errors: 0,
      sql: { governance: 2, education: 7 / 3 },
    });
    expect(r).toEqual({ name: 'x', rps: 100.1, p50_ms: 12.3, p99_ms: 48, errors: 0, sql_per_request: { governance: 2, education: 2.33 } });
    expect(Object.keys(r)).toEqual(['name', 'rps', 'p50_ms', 'p99_ms', 'errors', 'sql_per_request']);
  });

  it('computes each ratio as throughput over throughput, null when a side did not run', () => {
    const scenarios = [result(NAMES.joint(10), 300), result(NAMES.direct, 600), result(NAMES.unguarded, 400)];
    const report = buildReport({ cpus: 2 }, 1000, scenarios, [{ name: NAMES.hive, reason: '--no-hive' }]);
    expect(report.ratios).toEqual({
      gateway_vs_direct: 0.5,
      apollo_vs_hive: null,
      apollo_vs_hive_router: null,
      guarded_vs_unguarded: 0.75,
    });
    expect(Object.keys(report)).toEqual(['machine', 'children', 'scenarios', 'ratios', 'skipped', 'cpu_ms_per_request', 'cpu_ratios']);
    const withCpu = buildReport({}, 1, scenarios, [], {
      [NAMES.joint(10)]: { gateway: 10, education: 10 },
      [NAMES.direct]: { education: 10, 'load client': 5 },
    });
    expect(withCpu.cpu_ratios).toEqual({
      gateway_vs_direct: 0.75,
      apollo_vs_hive: null,
      apollo_vs_hive_router: null,
      guarded_vs_unguarded: null,
    });
    expect(ratio(scenarios, NAMES.joint(10), 'missing')).toBeNull();
  });

  it('judges the goals: p99, ratios, constant caseload statements, zero errors', () => {
    const good = buildReport(
      {},
      1,
      [
        result(NAMES.joint(1), 100),
        result(NAMES.joint(10), 300, 40),
        result(NAMES.direct, 600),
        result(NAMES.hive, 310),
        result(NAMES.caseload, 50, 200),
      ],
      [],
    );
    expect(judgeGoals(good).map((g) => g.met)).toEqual([true, true, true, true, true, true]);
    const bad = buildReport(
      {},
      1,
      [
        result(NAMES.joint(1), 100),
        result(NAMES.joint(10), 100, 60, 3),
        result(NAMES.direct, 600),
        result(NAMES.hive, 310),
        result(NAMES.caseload, 50, 300, 0, { ...sql, health: 51 }),
      ],
      [],
    );
    expect(judgeGoals(bad).map((g) => g.met)).toEqual([false, false, false, false, false, false]);
    expect(formatTable(bad, judgeGoals(bad))).toContain('[NOT] zero errors in every scenario: joint view (10 conn): 3');
  });
});

describe('benchmark scenarios', () => {
  it('skips an entry whose fields the supergraph lacks, and runs the rest', () => {
    const fields = rootFields();
    expect(fields.has('Query.child')).toBe(true);
    const runnable = SCENARIOS.filter((s) => !skipReason(s, fields)).map((s) => s.name);
    expect(runnable).toEqual(
      expect.arrayContaining([NAMES.joint(1), NAMES.joint(10), NAMES.joint(50), NAMES.caseload, NAMES.direct, NAMES.hive, NAMES.unguarded]),
    );
    expect(
      skipReason({ name: 'x', layout: 'apollo', connections: 1, needs: ['Mutation.nope'], request: () => ({}) as never }, fields),
    ).toContain('Mutation.nope');
  });

  it('points Hive Gateway’s supergraph at the running subgraphs', () => {
    const base = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, `http://127.0.0.1:${6000 + i}`])) as Record<
      (typeof SUBGRAPHS)[number]['name'],
      string
    >;
    const sdl = supergraphFor(base);
    for (const s of SUBGRAPHS) expect(sdl).toContain(`@join__graph(name: "${s.name}", url: "${base[s.name]}/graphql")`);
    expect(sdl).not.toContain(':4001/graphql');
  });

  it('hands Hive the supergraph without `requires` only where a shared value type is returned from several subgraphs', () => {
    const committed = readSupergraph();
    const { sdl, dropped } = adaptForHive(committed);
    expect(dropped).toEqual([
      'WhoLooked.education (EDUCATION)',
      'WhoLooked.family (FAMILY)',
      'WhoLooked.health (HEALTH)',
      'WhoLooked.socialCare (SOCIAL_CARE)',
    ]);
    expect(sdl).toContain('education: [Look!] @join__field(graph: EDUCATION)\n');
    // Everything the joint view reads is as committed, its own `@requires` on Child included.
    expect(sdl).toContain('education: EducationRecord @join__field(graph: EDUCATION, requires: "accessContext")');
    expect(sdl.split('\n').length).toBe(committed.split('\n').length);
    expect(committed.length - sdl.length).toBe(4 * ', requires: "accessContext"'.length);
    expect(adaptForHive(sdl).dropped).toEqual([]);
  });

  it('compares joint views by value and says where they first differ, without the values', () => {
    const a = { status: 200, errors: 0, data: { child: { id: '1', health: { referrals: [{ w: 1 }, { w: 2 }] } } } };
    const b = { status: 200, errors: 0, data: { child: { health: { referrals: [{ w: 1 }, { w: 3 }] }, id: '1' } } };
    expect(firstDifference(a, structuredClone(a))).toBeUndefined();
    expect(firstDifference(a, b)).toBe('$.data.child.health.referrals.1.w');
    expect(compareAnswers([a, a], [structuredClone(a), b])).toEqual({
      equal: 1,
      total: 2,
      first: 'child 2: $.data.child.health.referrals.1.w',
    });
    expect(compareAnswers([a], [])).toEqual({ equal: 0, total: 1, first: 'child 1: $' });
  });
});

describe('CPU per request', () => {
  it('divides each process’s CPU between readings by the requests served', () => {
    expect(perRequest({ gateway: 100, health: 50 }, { gateway: 400, health: 80, postgres: 9 }, 100)).toEqual({ gateway: 3, health: 0.3 });
    expect(perRequest({ gateway: 100 }, { gateway: 400 }, 0)).toEqual({ gateway: 0 });
  });

  it('reads this process’s CPU time and leaves out processes that are not there', () => {
    const c = cpuMs({ self: process.pid, gone: undefined });
    expect(Object.keys(c)).toEqual(['self']);
    expect(c.self).toBeGreaterThan(0);
  });
});

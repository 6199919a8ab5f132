// Shapes what the scenarios measured into tests/bench/results/latest.json and the closing table,
// and judges the goals of issue 6. Pure, so report.test.ts checks it.
export interface ScenarioResult {
  name: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  /** Statements each subgraph ran per request, counted from the subgraphs' /stats. */
  sql_per_request: Record<string, number>;
}

export interface Skipped {
  name: string;
  reason: string;
}

export interface BenchReport {
  machine: Record<string, unknown>;
  children: number;
  scenarios: ScenarioResult[];
  ratios: {
    gateway_vs_direct: number | null;
    apollo_vs_hive: number | null;
    /** Against Hive Gateway with the Rust query planner (router-runtime). */
    apollo_vs_hive_router: number | null;
    guarded_vs_unguarded: number | null;
  };
  skipped: Skipped[];
  /** CPU milliseconds per request of each process, by scenario (Linux; robust to a busy machine). */
  cpu_ms_per_request: Record<string, Record<string, number>>;
  /**
   * The same ratios from CPU instead of requests/s: CPU per request of every process on the other
   * side over this side's. What the throughput ratio tends to when the machine's cores are the
   * limit, and far steadier than requests/s on a busy machine.
   */
  cpu_ratios: BenchReport['ratios'];
  /** Instructions one joint view costs each process (callgrind, sequential, after a warm-up), or why not measured. */
  instructions_per_joint_view?: Record<string, number> | { skipped: string };
  /** The same, of the --baseline commit's processes, counted by this run on the same data. */
  instructions_per_joint_view_baseline?: Record<string, number> | { skipped: string };
}

const cpuTotal = (c: Record<string, number> | undefined) => (c ? Object.values(c).reduce((a, b) => a + b, 0) : undefined);

/** CPU per request of `b` over that of `a` (so above 1 means `a` is cheaper), or null. */
export function cpuRatio(cpu: Record<string, Record<string, number>>, a: string, b: string): number | null {
  const x = cpuTotal(cpu[a]);
  const y = cpuTotal(cpu[b]);
  if (!x || !y) return null;
  return round(y / x, 3);
}

/** The scenarios the ratios and goals are read from. */
export const NAMES = {
  joint: (c: number) => `joint view (${c} conn)`,
  direct: 'joint view direct to subgraphs (10 conn)',
  hive: 'joint view via Hive Gateway (10 conn)',
  hiveRouter: 'joint view via Hive Gateway, Rust query planner (10 conn)',
  unguarded: 'joint view unguarded, bench-only build (10 conn)',
  caseload: 'caseload of 50 (10 conn)',
} as const;

const round = (n: number, digits: number) => (Number.isFinite(n) ? +n.toFixed(digits) : n);

export function shapeScenario(
  name: string,
  m: { requests: number; seconds: number; p50: number; p99: number; errors: number; sql: Record<string, number> },
): ScenarioResult {
  return {
    name,
    rps: round(m.requests / m.seconds, 1),
    p50_ms: round(m.p50, 1),
    p99_ms: round(m.p99, 1),
    errors: m.errors,
    sql_per_request: Object.fromEntries(Object.entries(m.sql).map(([k, v]) => [k, round(v, 2)])),
  };
}

/** Throughput of `a` over throughput of `b`, or null when either did not run. */
export function ratio(scenarios: ScenarioResult[], a: string, b: string): number | null {
  const x = scenarios.find((s) => s.name === a);
  const y = scenarios.find((s) => s.name === b);
  if (!x || !y || !y.rps) return null;
  return round(x.rps / y.rps, 3);
}

export function buildReport(
  machine: Record<string, unknown>,
  children: number,
  scenarios: ScenarioResult[],
  skipped: Skipped[],
  cpu: BenchReport['cpu_ms_per_request'] = {},
): BenchReport {
  return {
    machine,
    children,
    scenarios,
    ratios: {
      gateway_vs_direct: ratio(scenarios, NAMES.joint(10), NAMES.direct),
      apollo_vs_hive: ratio(scenarios, NAMES.joint(10), NAMES.hive),
      apollo_vs_hive_router: ratio(scenarios, NAMES.joint(10), NAMES.hiveRouter),
      guarded_vs_unguarded: ratio(scenarios, NAMES.joint(10), NAMES.unguarded),
    },
    skipped,
    cpu_ms_per_request: cpu,
    cpu_ratios: {
      gateway_vs_direct: cpuRatio(cpu, NAMES.joint(10), NAMES.direct),
      apollo_vs_hive: cpuRatio(cpu, NAMES.joint(10), NAMES.hive),
      apollo_vs_hive_router: cpuRatio(cpu, NAMES.joint(10), NAMES.hiveRouter),
      guarded_vs_unguarded: cpuRatio(cpu, NAMES.joint(10), NAMES.unguarded),
    },
  };
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean | null;
}

/** The goals of issue 6, judged on a report; null when the scenario did not run. */
export function judgeGoals(r: BenchReport): Goal[] {
  const s = (name: string) => r.scenarios.find((x) => x.name === name);
  const goals: Goal[] = [];
  const joint10 = s(NAMES.joint(10));
  goals.push({
    goal: 'joint view p99 < 50 ms at 10 connections',
    measured: joint10 ? `${joint10.p99_ms} ms` : 'not run',
    met: joint10 ? joint10.p99_ms < 50 : null,
  });
  const { apollo_vs_hive: hive, gateway_vs_direct: direct } = r.ratios;
  goals.push({
    goal: 'throughput >= 90% of Hive Gateway (same processes)',
    measured: hive === null ? 'not run' : `${(hive * 100).toFixed(0)}%`,
    met: hive === null ? null : hive >= 0.9,
  });
  goals.push({
    goal: 'throughput >= 35% of direct-to-subgraphs',
    measured: direct === null ? 'not run' : `${(direct * 100).toFixed(0)}%`,
    met: direct === null ? null : direct >= 0.35,
  });
  const caseload = s(NAMES.caseload);
  const joint1 = s(NAMES.joint(1));
  // Constant: a caseload of 50 runs no more statements per subgraph than one child does.
  const constant =
    caseload && joint1 ? Object.entries(caseload.sql_per_request).every(([k, v]) => v <= (joint1.sql_per_request[k] ?? 0)) : null;
  goals.push({
    goal: 'caseload of 50: statements per subgraph as for one child',
    measured: caseload ? JSON.stringify(caseload.sql_per_request) : 'not run',
    met: constant,
  });
  goals.push({
    goal: 'caseload of 50 p99 < 250 ms',
    measured: caseload ? `${caseload.p99_ms} ms` : 'not run',
    met: caseload ? caseload.p99_ms < 250 : null,
  });
  const withErrors = r.scenarios.filter((x) => x.errors > 0);
  goals.push({
    goal: 'zero errors in every scenario',
    measured: withErrors.length ? withErrors.map((x) => `${x.name}: ${x.errors}`).join('; ') : '0',
    met: withErrors.length === 0,
  });
  return goals;
}

export function formatTable(r: BenchReport, goals: Goal[]): string {
  const subgraphs = [...new Set(r.scenarios.flatMap((s) => Object.keys(s.sql_per_request)))];
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', ...subgraphs.map((s) => `sql ${s}`)];
  const rows = r.scenarios.map((s) => [
    s.name,
    String(s.rps),
    String(s.p50_ms),
    String(s.p99_ms),
    String(s.errors),
    ...subgraphs.map((g) => (g in s.sql_per_request ? String(s.sql_per_request[g]) : '-')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const sk of r.skipped) out.push(`skipped: ${sk.name} (${sk.reason})`);
  const cpuRows = Object.entries(r.cpu_ms_per_request);
  if (cpuRows.length) {
    out.push('', 'CPU ms per request:');
    for (const [name, c] of cpuRows)
      out.push(
        `  ${name.padEnd(widths[0])}  ${Object.entries(c)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
  }
  const ir = r.instructions_per_joint_view;
  if (ir)
    out.push(
      '',
      'skipped' in ir
        ? `instructions per joint view: not measured (${ir.skipped})`
        : `instructions per joint view (callgrind, millions): ${Object.entries(ir)
            .map(([k, v]) => `${k} ${(Number(v) / 1e6).toFixed(2)}`)
            .join(', ')}`,
    );
  const fmt = (v: number | null) => (v === null ? 'n/a' : String(v));
  out.push(
    '',
    `ratios (throughput over throughput): gateway/direct ${fmt(r.ratios.gateway_vs_direct)}, Apollo/Hive ${fmt(r.ratios.apollo_vs_hive)}, Apollo/Hive+Rust planner ${fmt(r.ratios.apollo_vs_hive_router)}, guarded/unguarded ${fmt(r.ratios.guarded_vs_unguarded)}`,
  );
  out.push(
    `ratios from CPU per request (all processes): gateway/direct ${fmt(r.cpu_ratios.gateway_vs_direct)}, Apollo/Hive ${fmt(r.cpu_ratios.apollo_vs_hive)}, Apollo/Hive+Rust planner ${fmt(r.cpu_ratios.apollo_vs_hive_router)}, guarded/unguarded ${fmt(r.cpu_ratios.guarded_vs_unguarded)}`,
  );
  out.push('', 'goals:');
  for (const g of goals) out.push(`  [${g.met === null ? ' - ' : g.met ? 'met' : 'NOT'}] ${g.goal}: ${g.measured}`);
  return out.join('\n');
}

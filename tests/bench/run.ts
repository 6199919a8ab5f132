// npm run bench: the orchestration. PostgreSQL is started by bench.mjs; this seeds (or reuses) the
// population, brings up each layout of processes in turn, runs the scenarios of that layout, and
// writes tests/bench/results/latest.json and the closing table.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { Client } from 'pg';
import { authSettings } from '@hub/runtime/settings/auth';
import { callerFromClaims } from '@hub/guard/identity';
import { identityCodec, IDENTITY_HEADER } from '@hub/guard/auth';
import { benchToken } from './tokens';
import { readSupergraph, SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { DEMO_USERS } from '@hub/seed';
import { freePortFor } from './ports';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './args';
import { driveDirect } from './direct';
import { ensureHive, startHive, HIVE_ROUTER_RUNTIME_VERSION, HIVE_VERSION } from './hive';
import { countStatements, drive, post, settle, type Measured } from './load';
import { cpuMs, perRequest } from './cpu';
import { ensurePopulation } from './population';
import { entriesOf, startApolloGateway, startSubgraphs, stop, type Proc, type SubgraphSet } from './processes';
import { buildReport, formatTable, judgeGoals, shapeScenario, type BenchReport, type ScenarioResult, type Skipped } from './report';
import { jointViewInstructions } from './instructions';
import { compareAnswers, jointViewAnswers, type Answer } from './answers';
import { SCENARIOS, selected, skipReason, type Layout, type Scenario, type ScenarioEnv } from './scenarios';
import { runSettings } from './settings';
import { gatewayPerformance } from '@hub/gateway/performance';
import { nowUs, PgStatements, PROFILE_DIR, summariseProfiles, type ScenarioWindow } from './profile';

const log = (s: string) => console.log(`[bench] ${s}`);

/** `Query.x` and `Mutation.y` of the committed supergraph. */
export function rootFields(sdl = readSupergraph()): Set<string> {
  const out = new Set<string>();
  for (const d of parse(sdl).definitions) {
    if ((d.kind === 'ObjectTypeDefinition' || d.kind === 'ObjectTypeExtension') && ['Query', 'Mutation'].includes(d.name.value))
      for (const f of d.fields ?? []) out.add(`${d.name.value}.${f.name.value}`);
  }
  return out;
}

export async function identityHeader(): Promise<Record<string, string>> {
  const caller = callerFromClaims({ ...DEMO_USERS.coordinator });
  // Signed once per scenario: it lives 60 s, longer than a scenario.
  return { [IDENTITY_HEADER]: await identityCodec(authSettings().internalSecret).sign(caller, 'bench-direct', 'DIRECT_CARE') };
}

/** The processes whose CPU time a scenario reports: the gateway under test, the subgraphs, PostgreSQL. */
export type CpuRoots = Record<string, number | undefined>;

export async function runScenario(
  s: Scenario,
  env: ScenarioEnv,
  subgraphs: SubgraphSet,
  seconds: number,
  roots: CpuRoots = {},
): Promise<ScenarioResult & { cpu: Record<string, number>; window: ScenarioWindow }> {
  let sql: Record<string, number>;
  let measured: Measured;
  let cpu: Record<string, number>;
  let fromUs: number;
  if (s.direct) {
    const call = s.direct(env);
    sql = await countStatements(async (n) => void (await call(n)), subgraphs.statements);
    await settle(subgraphs.statements);
    log(`${s.name}: ${seconds}s…`);
    fromUs = nowUs();
    ({ measured, cpu } = await withCpu(roots, () => driveDirect(call, s.connections, seconds)));
  } else {
    const req = s.request!(env);
    sql = await countStatements(async (n) => void (await post(req.url, req.headers, req.body(n))), subgraphs.statements, s.sqlSamples);
    await settle(subgraphs.statements);
    log(`${s.name}: ${seconds}s…`);
    fromUs = nowUs();
    ({ measured, cpu } = await withCpu(roots, () => drive(req, s.connections, seconds)));
  }
  // Throughput of failures is no figure: a scenario whose every request failed stops the run, saying why.
  if (measured.requests > 0 && measured.errors >= measured.requests) {
    throw new Error(
      `${s.name}: every one of ${measured.requests} requests failed (${measured.samples?.join(' | ') || 'no reason recorded'})`,
    );
  }
  const window = { name: s.name, fromUs, toUs: nowUs(), requests: measured.requests };
  const r = { ...shapeScenario(s.name, { ...measured, sql }), cpu, window };
  log(
    `  ${r.rps} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, errors ${r.errors}${measured.samples?.length ? ` (${measured.samples.join(' | ')})` : ''}`,
  );
  log(
    `  CPU ms per request: ${Object.entries(cpu)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return r;
}

/** Runs the load and reads the CPU each process spent on it (and the load client's own), per request. */
async function withCpu(roots: CpuRoots, load: () => Promise<Measured>): Promise<{ measured: Measured; cpu: Record<string, number> }> {
  const before = cpuMs(roots);
  const client = process.cpuUsage();
  const measured = await load();
  const used = process.cpuUsage(client);
  // In-flight requests finish after the load stops; their CPU is small next to the run's.
  const after = cpuMs(roots);
  const cpu = perRequest(before, after, measured.requests);
  cpu['load client'] = measured.requests ? +((used.user + used.system) / 1000 / measured.requests).toFixed(2) : 0;
  return { measured, cpu };
}

/** A few hundred requests before measuring, so JIT, pools and plan caches are warm. */
/** Advice RX1 (the paediatrician's trust) has given about children the bench's users are allocated
 *  to, for the amendment writes. */
async function rx1AdviceIds(healthUrl: string, childIds: string[]): Promise<string[]> {
  const db = new Client({ connectionString: healthUrl });
  await db.connect();
  try {
    const rows = await db.query<{ id: string }>(
      "SELECT DISTINCT id FROM advice WHERE submitted_org = 'RX1' AND child_id = ANY($1::uuid[]) LIMIT 500",
      [childIds],
    );
    return rows.rows.map((r) => r.id);
  } finally {
    await db.end();
  }
}

export async function warmUp(env: ScenarioEnv, scenarios: Scenario[]) {
  for (const s of scenarios) {
    if (s.direct) {
      const call = s.direct(env);
      await Promise.all(
        Array.from({ length: 5 }, async (_, w) => {
          for (let i = 0; i < 20; i++) await call(w * 20 + i);
        }),
      );
    } else {
      const req = s.request!(env);
      const n = s.warmup ?? 100;
      const workers = Math.min(5, n);
      await Promise.all(
        Array.from({ length: workers }, async (_, w) => {
          for (let i = 0; i < Math.ceil(n / workers); i++) await post(req.url, req.headers, req.body(w * 20 + i));
        }),
      );
    }
  }
}

const isHive = (l: Layout): l is 'hive' | 'hive-router' => l === 'hive' || l === 'hive-router';

/** `baselineDir`: the --baseline commit's worktree, whose instructions this run counts too. */
export async function run(pgUrl: string, argv: string[], pgPid?: number, baselineDir?: string): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const perf = gatewayPerformance();
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    gateway_workers: perf.workers,
    subgraph_fetch: perf.subgraphFetch,
    seconds_per_scenario: args.seconds,
    hive_gateway: HIVE_VERSION,
    hive_router_runtime: HIVE_ROUTER_RUNTIME_VERSION,
  };
  log(`${machine.cpus} × ${machine.model}, Node ${machine.node}; ${args.seconds}s a scenario`);
  const { urls, ids } = await ensurePopulation(pgUrl, { children: args.children, seed: args.seed }, log);
  await entriesOf(undefined, log);
  const fields = rootFields();
  const results: ScenarioResult[] = [];
  const cpu: Record<string, Record<string, number>> = {};
  const skipped: Skipped[] = [];
  const byLayout = new Map<Layout, Scenario[]>();
  for (const s of SCENARIOS.filter((x) => selected(x, args.only))) {
    const why = skipReason(s, fields) ?? (isHive(s.layout) && args.noHive ? '--no-hive' : undefined);
    if (why) {
      log(`skipping ${s.name}: ${why}`);
      skipped.push({ name: s.name, reason: why });
    } else byLayout.set(s.layout, [...(byLayout.get(s.layout) ?? []), s]);
  }
  const ports = await freePortFor(SUBGRAPHS.map((s) => s.name));
  const token = await benchToken('coordinator');
  const tokens = { paediatrician: await benchToken('paediatrician'), commissioner: await benchToken('commissioner') };
  const adviceIds = await rx1AdviceIds(urls.health, ids);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const procs: Proc[] = [];
  const windows: ScenarioWindow[] = [];
  let instructions: BenchReport['instructions_per_joint_view'];
  let baselineInstructions: BenchReport['instructions_per_joint_view_baseline'];
  let pgStats: PgStatements | undefined;
  if (args.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
    process.env.HUB_BENCH_PROFILE_DIR = PROFILE_DIR;
    pgStats = await PgStatements.open(pgUrl);
  }
  const layouts: Layout[] = ['apollo', 'hive', 'hive-router', 'unguarded'];
  // Hive's joint views are checked against the Apollo gateway's, so the Apollo gateway comes up
  // for them even when none of its own scenarios was asked for.
  const comparesHive = layouts.some((l) => isHive(l) && byLayout.has(l));
  let reference: Answer[] | undefined;
  const answersVsApollo: Record<string, string> = {};
  let hiveSupergraph: string[] | undefined;
  try {
    let subgraphs: SubgraphSet | undefined;
    let unguarded = false;
    for (const layout of layouts) {
      const scenarios = byLayout.get(layout) ?? [];
      if (!scenarios.length && !(layout === 'apollo' && comparesHive)) continue;
      if (isHive(layout)) {
        const failed = await ensureHive(log, layout);
        if (failed) {
          log(`skipping Hive Gateway: ${failed}`);
          for (const s of scenarios) skipped.push({ name: s.name, reason: failed });
          continue;
        }
      }
      if (!subgraphs || unguarded !== (layout === 'unguarded')) {
        if (subgraphs) await stop(subgraphs.procs.splice(0));
        unguarded = layout === 'unguarded';
        log(`starting the four subgraphs${unguarded ? ' (benchmark-only unguarded build)' : ''}, each in its own process…`);
        subgraphs = await startSubgraphs(urls, ports.subgraphs as Record<SubgraphName, number>, { unguarded });
        procs.push(...subgraphs.procs);
      }
      log(
        isHive(layout)
          ? `starting Hive Gateway ${HIVE_VERSION}${layout === 'hive-router' ? ` with the Rust query planner ${HIVE_ROUTER_RUNTIME_VERSION}` : ''} (${perf.workers} worker(s))…`
          : `starting the Apollo gateway (${perf.workers} worker(s))…`,
      );
      let gw: Awaited<ReturnType<typeof startApolloGateway>> & { adapted?: string[] };
      try {
        gw = isHive(layout)
          ? await startHive(ports.gateway, subgraphs.base, perf.workers, layout)
          : await startApolloGateway(ports.gateway, subgraphs);
      } catch (e) {
        // A peer gateway that refuses the hub's supergraph is a finding about it, not a reason to
        // lose the run's other scenarios; the hub's own gateway failing to start still stops the run.
        if (!isHive(layout)) throw e;
        const said = /message:\S*\s+"((?:[^"\\]|\\.)*)"/.exec((e as Error).message)?.[1]?.replace(/\\"/g, '"');
        const why = `Hive Gateway did not start: ${said ?? (e as Error).message.split('\n')[0]}`;
        log(`skipping ${scenarios.map((s) => s.name).join(', ')}: ${why}`);
        for (const s of scenarios) skipped.push({ name: s.name, reason: why });
        continue;
      }
      procs.push(...gw.procs);
      if (gw.adapted?.length) {
        hiveSupergraph = gw.adapted;
        log(`Hive's copy of the supergraph differs (bench-only, hive.ts adaptForHive): ${gw.adapted.join('; ')}`);
      }
      const env: ScenarioEnv = {
        gatewayUrl: gw.url,
        token,
        ids,
        base: subgraphs.base,
        identity: await identityHeader(),
        agent,
        tokens,
        adviceIds,
      };
      log('warming up…');
      await warmUp(env, scenarios);
      if (layout === 'apollo' && comparesHive) {
        reference = await jointViewAnswers(gw.url, token, ids);
        const bad = reference.filter((a) => a.status !== 200 || a.errors > 0 || a.data === null).length;
        log(
          `recorded the Apollo gateway's joint views of ${reference.length} children for Hive's to be compared with${bad ? ` (${bad} with errors)` : ''}`,
        );
      }
      if (isHive(layout) && reference) {
        const c = compareAnswers(reference, await jointViewAnswers(gw.url, token, ids, reference.length));
        const said = `${c.equal} of ${c.total} joint views equal to the Apollo gateway's${c.first ? `; first difference at ${c.first}` : ''}`;
        log(`answers: ${said}`);
        for (const s of scenarios) answersVsApollo[s.name] = said;
        if (c.equal !== c.total) {
          // A faster wrong answer is no comparison.
          for (const s of scenarios) skipped.push({ name: s.name, reason: `answers differ from the Apollo gateway's: ${said}` });
          await stop(gw.procs);
          continue;
        }
      }
      const roots: CpuRoots = {
        [isHive(layout) ? 'hive gateway' : 'gateway']: gw.procs[0].child.pid,
        ...Object.fromEntries(subgraphs.procs.map((p) => [p.name, p.child.pid])),
        postgres: pgPid,
      };
      for (const s of scenarios) {
        env.identity = await identityHeader();
        await pgStats?.reset();
        let measured: Awaited<ReturnType<typeof runScenario>>;
        try {
          measured = await runScenario(s, env, subgraphs, args.seconds, s.direct ? { ...roots, gateway: undefined } : roots);
        } catch (e) {
          // Every request failing stops the run, except through a peer gateway: the same token
          // and subgraphs served the hub's gateway just before, so it is that gateway's finding.
          if (!isHive(layout)) throw e;
          log(`skipping ${s.name}: ${(e as Error).message}`);
          skipped.push({ name: s.name, reason: (e as Error).message });
          continue;
        }
        const { cpu: used, window, ...r } = measured;
        results.push(r);
        cpu[s.name] = used;
        windows.push(window);
        await pgStats?.write(PROFILE_DIR, s.name, window.requests);
      }
      await stop(gw.procs);
    }
    if (subgraphs) await stop(subgraphs.procs);
    if (args.instructions) {
      const counted = await jointViewInstructions({ urls, ports, token, ids, log });
      instructions = counted.perRequest ?? { skipped: counted.skipped ?? 'not measured' };
      log(`instructions per joint view: ${JSON.stringify(instructions)}`);
      if (baselineDir) {
        // The past commit's own bench cannot count them: its processes are counted here, on the same data.
        try {
          const past = await jointViewInstructions({ urls, ports, token, ids, log, checkout: baselineDir });
          baselineInstructions = past.perRequest ?? { skipped: past.skipped ?? 'not measured' };
        } catch (e) {
          baselineInstructions = { skipped: (e as Error).message.split('\n')[0] };
        }
        log(`instructions per joint view, baseline: ${JSON.stringify(baselineInstructions)}`);
      }
    }
    if (args.settings) await runSettings({ urls, ids, token, ports, seconds: args.seconds, log, agent, pgPid });
  } finally {
    await stop(procs);
    agent.destroy();
    await pgStats?.close();
    delete process.env.HUB_BENCH_PROFILE_DIR;
  }
  // Each process wrote its profile as it stopped.
  for (const f of summariseProfiles(PROFILE_DIR, args.profile ? windows : [])) log(`profile: ${f}`);
  const report = {
    ...buildReport(machine, args.children, results, skipped, cpu),
    instructions_per_joint_view: instructions,
    instructions_per_joint_view_baseline: baselineInstructions,
    ...(Object.keys(answersVsApollo).length ? { answers_vs_apollo: answersVsApollo } : {}),
    ...(hiveSupergraph ? { hive_supergraph_changes: hiveSupergraph } : {}),
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatTable(report, judgeGoals(report))}\n\nwritten: tests/bench/results/latest.json`);
  return 0;
}

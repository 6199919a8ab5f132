// The benchmark's command line, pure so that it is unit-tested (args.test.ts).
import { readOptions, wholeNumber } from '@hub/runtime/cli-options';

export const DEFAULT_BENCH_CHILDREN = 100_000;
export const DEFAULT_BENCH_SEED = 42;

export interface BenchArgs {
  children: number;
  seed: number;
  /** Seconds of load per scenario. */
  seconds: number;
  quick: boolean;
  /** Run only the scenarios whose names contain one of these (empty: all). */
  only: string[];
  /** Also measure the performance settings (docs/performance.md), one run per variant. */
  settings: boolean;
  /** Skip the Hive Gateway scenario (no install). */
  noHive: boolean;
  /** Afterwards, the commissioner-as-attacker on N children, every small count (issue 12): on by
   *  default for a full run, off for --quick or --only, forced either way by --attack / --no-attack. */
  attack: boolean;
  /** A git ref to measure first, in a worktree of its own, and compare with (baseline.ts). */
  baseline?: string;
  /** Instructions per joint view of each process under callgrind (instructions.ts): on by default
   *  for a full run, off for --quick or --only, forced either way by --instructions / --no-instructions. */
  instructions: boolean;
  /** V8 CPU profiles of the gateway and subgraphs, and PostgreSQL's statement statistics (profile.ts). */
  profile: boolean;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--children N] [--seed S] [--seconds S] [--quick] [--only NAME,…] [--settings] [--no-hive] [--instructions] [--profile]

Starts the hub on real PostgreSQL (its own cluster in .data/bench, reused while it holds the same
population) with N synthetic children (default ${DEFAULT_BENCH_CHILDREN}), then drives each scenario with
autocannon for S seconds (default 20; --quick: 5). Prints a table and writes
tests/bench/results/latest.json.

  --only joint,caseload   only the scenarios whose names contain one of these words
  --settings              also measure the gateway and subgraph speed settings (results/settings.json)
  --no-hive               skip Hive Gateway (otherwise installed on first use into .data/bench/hive)
  --attack, --no-attack   run (or skip) the linear-programming attack on the commissioning figures
                          for N children afterwards (tests/e2e/commissioning-attack.test.ts, every
                          count of 1-4 checked); by default on for a full run, off with --quick or --only
  --baseline REF          first the same bench on git REF (a worktree in .data/bench/baselines, its own
                          npm ci and population), then this checkout, and both side by side
                          (results/baseline.json): e.g. --baseline HEAD~1
  --instructions, --no-instructions
                          count the instructions one joint view costs the gateway and each subgraph
                          (valgrind's callgrind, sequential requests after a warm-up; a figure other
                          load does not move); by default on for a full run, off with --quick or --only
  --profile               a V8 CPU profile (node --cpu-prof) of the gateway and every subgraph, and
                          pg_stat_statements for PostgreSQL, per scenario, summarised into
                          tests/bench/results/profiles/ (the top functions and packages by self time)`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const o = readOptions(argv, {
    children: { type: 'string', short: 'n', needs: 'an integer >= 1' },
    seed: { type: 'string', needs: 'an integer >= 0' },
    seconds: { type: 'string', needs: 'an integer >= 1' },
    quick: { type: 'boolean' },
    only: { type: 'string', needs: 'scenario names, comma-separated' },
    settings: { type: 'boolean' },
    'no-hive': { type: 'boolean' },
    attack: { type: 'boolean' },
    'no-attack': { type: 'boolean' },
    baseline: { type: 'string', needs: 'a git ref' },
    instructions: { type: 'boolean' },
    'no-instructions': { type: 'boolean' },
    profile: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (o.baseline === '') throw new Error('--baseline needs a git ref');
  const quick = o.quick ?? false;
  const only = (o.only ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // A switch and its --no- form: the last one given wins; neither means "a full run only".
  const either = (on: string, off: string): boolean | undefined => {
    const last = [...argv].reverse().find((a) => a === `--${on}` || a === `--${off}`);
    return last === undefined ? undefined : last === `--${on}`;
  };
  const fullRun = !quick && only.length === 0;
  return {
    children: wholeNumber('--children', o.children, 1) ?? DEFAULT_BENCH_CHILDREN,
    seed: wholeNumber('--seed', o.seed, 0) ?? DEFAULT_BENCH_SEED,
    seconds: wholeNumber('--seconds', o.seconds, 1) ?? (quick ? 5 : 20),
    quick,
    only,
    settings: o.settings ?? false,
    noHive: o['no-hive'] ?? false,
    attack: either('attack', 'no-attack') ?? fullRun,
    ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
    instructions: either('instructions', 'no-instructions') ?? fullRun,
    profile: o.profile ?? false,
    help: o.help ?? false,
  };
}

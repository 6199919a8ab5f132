// The benchmark's command line, pure so that it is unit-tested (args.test.ts).
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
  const out: BenchArgs = {
    children: DEFAULT_BENCH_CHILDREN,
    seed: DEFAULT_BENCH_SEED,
    seconds: 20,
    quick: false,
    only: [],
    settings: false,
    noHive: false,
    attack: false,
    profile: false,
    instructions: false,
    help: false,
  };
  let attack: boolean | undefined;
  let instructions: boolean | undefined;
  let seconds: number | undefined;
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].startsWith('--') ? argv[i].indexOf('=') : -1;
    const flag = eq > 0 ? argv[i].slice(0, eq) : argv[i];
    const value = () => (eq > 0 ? argv[i].slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--children':
      case '-n':
        out.children = int('--children', value(), 1);
        break;
      case '--seed':
        out.seed = int('--seed', value(), 0);
        break;
      case '--seconds':
        seconds = int('--seconds', value(), 1);
        break;
      case '--quick':
        out.quick = true;
        break;
      case '--only':
        out.only = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--settings':
        out.settings = true;
        break;
      case '--no-hive':
        out.noHive = true;
        break;
      case '--attack':
        attack = true;
        break;
      case '--no-attack':
        attack = false;
        break;
      case '--baseline':
        out.baseline = value();
        if (!out.baseline) throw new Error('--baseline needs a git ref');
        break;
      case '--instructions':
        instructions = true;
        break;
      case '--no-instructions':
        instructions = false;
        break;
      case '--profile':
        out.profile = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  out.seconds = seconds ?? (out.quick ? 5 : 20);
  out.attack = attack ?? (!out.quick && out.only.length === 0);
  out.instructions = instructions ?? (!out.quick && out.only.length === 0);
  return out;
}

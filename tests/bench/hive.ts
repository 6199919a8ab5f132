// Hive Gateway for the side-by-side scenario: installed on first use (it is large, so `npm ci`
// does not install it) into .data/bench/hive, served the committed supergraph with the subgraph
// URLs pointed at the running subgraphs, with the same number of processes as the Apollo gateway.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ArgumentNode, type TypeNode } from 'graphql';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { readSupergraph, SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { launch, ROOT, stop, waitLive, type Proc } from './processes';

export const HIVE_VERSION = '2.15.1';
/** Hive Router's Rust query planner for Hive Gateway (native addon), the second Hive scenario. */
export const HIVE_ROUTER_RUNTIME_VERSION = '1.4.23';
export const HIVE_DIR = join(ROOT, '.data', 'bench', 'hive');

/** Hive Gateway as is (its JavaScript planner), or with the Rust query planner: each its own install. */
export type HiveVariant = 'hive' | 'hive-router';

interface Install {
  dir: string;
  packages: Record<string, string>;
}

function install(variant: HiveVariant): Install {
  return variant === 'hive'
    ? { dir: HIVE_DIR, packages: { '@graphql-hive/gateway': HIVE_VERSION } }
    : {
        dir: join(ROOT, '.data', 'bench', 'hive-router'),
        packages: { '@graphql-hive/gateway': HIVE_VERSION, '@graphql-hive/router-runtime': HIVE_ROUTER_RUNTIME_VERSION },
      };
}

const binOf = (dir: string) => join(dir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

function installedVersion(dir: string, pkg: string): string | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', ...pkg.split('/'), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

const installed = ({ dir, packages }: Install) =>
  existsSync(binOf(dir)) && Object.entries(packages).every(([p, v]) => installedVersion(dir, p) === v);

/** Installs the pinned Hive Gateway (and the Rust planner for 'hive-router') unless present.
 *  Resolves to an error message, or undefined when ready. */
export async function ensureHive(log: (s: string) => void, variant: HiveVariant = 'hive'): Promise<string | undefined> {
  const target = install(variant);
  if (installed(target)) return undefined;
  const dir = target.dir;
  const specs = Object.entries(target.packages).map(([p, v]) => `${p}@${v}`);
  mkdirSync(dir, { recursive: true });
  log(`installing ${specs.join(' and ')} into ${dir} (once; about 500 MB, a minute or two)…`);
  const logFile = join(dir, 'install.log');
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...specs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const tick = setInterval(() => log(`  still installing Hive Gateway… ${Math.round((Date.now() - started) / 1000)}s`), 10_000);
    child.on('error', () => resolve(-1));
    child.on('exit', (c) => {
      clearInterval(tick);
      writeFileSync(logFile, out);
      resolve(c);
    });
  });
  if (code !== 0 || !installed(target)) return `npm install of ${specs.join(' ')} failed (exit ${code}); see ${logFile}`;
  log(`Hive Gateway installed in ${Math.round((Date.now() - started) / 1000)}s`);
  return undefined;
}

/** The committed supergraph with each subgraph's URL replaced by where it runs now. */
export function supergraphFor(base: Record<SubgraphName, string>, sdl = readSupergraph()): string {
  let out = sdl;
  for (const s of SUBGRAPHS) {
    const re = new RegExp(`(@join__graph\\(name: "${s.name}", url: ")[^"]*(")`);
    if (!re.test(out)) throw new Error(`the supergraph has no join__graph for ${s.name}`);
    out = out.replace(re, `$1${base[s.name]}/graphql$2`);
  }
  return out;
}

/** The value types (no key in any subgraph) that two or more subgraphs define, by name. */
function sharedValueTypes(doc: ReturnType<typeof parse>): Set<string> {
  const out = new Set<string>();
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const joins = d.directives?.filter((x) => x.name.value === 'join__type') ?? [];
    if (joins.length >= 2 && joins.every((j) => !j.arguments?.some((a) => a.name.value === 'key'))) out.add(d.name.value);
  }
  return out;
}

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/**
 * BENCH-ONLY: what Hive Gateway is handed differs from the committed supergraph here, and only here.
 *
 * Hive builds its schema by stitching the supergraph's subgraphs (@graphql-tools/federation, then
 * @graphql-tools/stitch). Stitching moves each field with `@requires` into a subschema of its own,
 * and a value type that only such fields return goes with it, marked `canonical`
 * (@graphql-tools/stitch 10.3.1, isolateComputedFieldsTransformer: dist/index.js:1567,
 * src/subschemaConfigTransforms/isolateComputedFieldsTransformer.ts:242). When two subgraphs do
 * that for the same shareable value type, stitching refuses it: "Multiple canonical definitions"
 * (defaultTypeCandidateMerger: dist/index.js:2576-2581, src/mergeCandidates.ts:579). The hub's `Look`
 * is such a type: identical in five subgraphs (host/audit-trail/who-looked.ts writes all five), and
 * education, health, social care and family return it from `WhoLooked.<service>`, which requires
 * governance's signed access context. That is valid Federation 2 (Apollo composes and serves it);
 * no Hive setting short of replacing its whole schema handler (the experimental
 * `unifiedGraphHandler`) avoids it, nor does a version: the marking came into
 * @graphql-tools/stitch in April 2024 ("Composite computed fields"), before Hive Gateway 1.0, and
 * is in the latest (Gateway 2.15.1, router-runtime 1.4.23, which builds the same stitched schema
 * on its first request).
 *
 * So for each shareable value type returned by `@requires` fields in two or more subgraphs, the
 * copy for Hive drops those fields' `requires` (the `requires:` argument of their join__field):
 * today the four `WhoLooked.<service>` fields. Through Hive they are then fetched without the
 * access context, and each service refuses them (FORBIDDEN, as for a missing or forged context); nothing else
 * changes. The joint view (and the caseload) reads no `WhoLooked` or `Look`, so its query plan,
 * its subgraph calls and their `@requires` on `Child` are the same as from the committed
 * supergraph: the change neither helps nor hinders Hive on what is measured.
 */
export function adaptForHive(sdl: string): { sdl: string; dropped: string[] } {
  const doc = parse(sdl);
  const values = sharedValueTypes(doc);
  const found: { returns: string; graph: string; at: string; cut: [number, number] }[] = [];
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const f of d.fields ?? []) {
      const returns = namedType(f.type);
      if (!values.has(returns)) continue;
      for (const dir of f.directives ?? []) {
        if (dir.name.value !== 'join__field') continue;
        const args = dir.arguments ?? [];
        const i = args.findIndex((a) => a.name.value === 'requires');
        if (i < 0) continue;
        const graph = args.find((a) => a.name.value === 'graph');
        const gname = graph?.value.kind === Kind.ENUM ? graph.value.value : '?';
        // ", requires: \"…\"" after the argument before it, or "requires: \"…\", " when first.
        const loc = (a: ArgumentNode) => a.loc!;
        const cut: [number, number] =
          i > 0 ? [loc(args[i - 1]).end, loc(args[i]).end] : [loc(args[i]).start, args[i + 1] ? loc(args[i + 1]).start : loc(args[i]).end];
        found.push({ returns, graph: gname, at: `${d.name.value}.${f.name.value} (${gname})`, cut });
      }
    }
  }
  const graphsOf = new Map<string, Set<string>>();
  for (const x of found) graphsOf.set(x.returns, (graphsOf.get(x.returns) ?? new Set()).add(x.graph));
  const drop = found.filter((x) => graphsOf.get(x.returns)!.size >= 2).sort((a, b) => b.cut[0] - a.cut[0]);
  let out = sdl;
  for (const x of drop) out = out.slice(0, x.cut[0]) + out.slice(x.cut[1]);
  return { sdl: out, dropped: drop.map((x) => x.at).reverse() };
}

export async function startHive(
  port: number,
  base: Record<SubgraphName, string>,
  workers: number,
  variant: HiveVariant = 'hive',
): Promise<{ procs: Proc[]; url: string; adapted: string[] }> {
  const { dir } = install(variant);
  const file = join(ROOT, '.data', 'bench', 'supergraph.graphql');
  const { sdl, dropped } = adaptForHive(supergraphFor(base));
  writeFileSync(file, sdl);
  const proc = launch(
    'hive-gateway',
    [
      binOf(dir),
      'supergraph',
      file,
      '-c',
      join(__dirname, 'hive-gateway.config.mjs'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--fork',
      String(workers),
      '--disable-websockets',
      // Hive Router's query planner (Rust, a native addon) and its executor instead of Hive's own.
      ...(variant === 'hive-router' ? ['--hive-router-runtime'] : []),
    ],
    {
      LOG_LEVEL: 'error',
      HUB_JWT_SECRET: process.env.HUB_JWT_SECRET || DEV_JWT_SECRET,
      HUB_INTERNAL_SECRET: process.env.HUB_INTERNAL_SECRET || DEV_INTERNAL_SECRET,
    },
    dir,
  );
  try {
    await waitLive(proc, `http://127.0.0.1:${port}/readiness`);
  } catch (e) {
    await stop([proc]);
    throw e;
  }
  return { procs: [proc], url: `http://127.0.0.1:${port}/graphql`, adapted: dropped.map((f) => `${f}: requires dropped`) };
}

// Hive Gateway for the side-by-side scenario: installed on first use (it is large, so `npm ci`
// does not install it) into .data/bench/hive, served the committed supergraph with the subgraph
// URLs pointed at the running subgraphs, with the same number of processes as the Apollo gateway.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

export async function startHive(
  port: number,
  base: Record<SubgraphName, string>,
  workers: number,
  variant: HiveVariant = 'hive',
): Promise<{ procs: Proc[]; url: string }> {
  const { dir } = install(variant);
  const file = join(ROOT, '.data', 'bench', 'supergraph.graphql');
  writeFileSync(file, supergraphFor(base));
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
  return { procs: [proc], url: `http://127.0.0.1:${port}/graphql` };
}

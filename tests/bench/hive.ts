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
export const HIVE_DIR = join(ROOT, '.data', 'bench', 'hive');
const BIN = join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

function installedVersion(): string | undefined {
  try {
    return JSON.parse(readFileSync(join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned Hive Gateway unless present. Resolves to an error message, or undefined when ready. */
export async function ensureHive(log: (s: string) => void): Promise<string | undefined> {
  if (installedVersion() === HIVE_VERSION && existsSync(BIN)) return undefined;
  mkdirSync(HIVE_DIR, { recursive: true });
  log(`installing @graphql-hive/gateway@${HIVE_VERSION} into .data/bench/hive (once; about 500 MB, a minute or two)…`);
  const logFile = join(HIVE_DIR, 'install.log');
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(
      npm,
      [
        'install',
        '--prefix',
        HIVE_DIR,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `@graphql-hive/gateway@${HIVE_VERSION}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
  if (code !== 0 || installedVersion() !== HIVE_VERSION)
    return `npm install of @graphql-hive/gateway@${HIVE_VERSION} failed (exit ${code}); see .data/bench/hive/install.log`;
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
): Promise<{ procs: Proc[]; url: string }> {
  const file = join(ROOT, '.data', 'bench', 'supergraph.graphql');
  writeFileSync(file, supergraphFor(base));
  const proc = launch(
    'hive-gateway',
    [
      BIN,
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
    ],
    {
      LOG_LEVEL: 'error',
      HUB_JWT_SECRET: process.env.HUB_JWT_SECRET || DEV_JWT_SECRET,
      HUB_INTERNAL_SECRET: process.env.HUB_INTERNAL_SECRET || DEV_INTERNAL_SECRET,
    },
    HIVE_DIR,
  );
  try {
    await waitLive(proc, `http://127.0.0.1:${port}/readiness`);
  } catch (e) {
    await stop([proc]);
    throw e;
  }
  return { procs: [proc], url: `http://127.0.0.1:${port}/graphql` };
}

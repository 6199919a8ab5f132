// A PostgreSQL cluster of the test's own, to stop and start (the shared test server must stay up).
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface PrivateCluster {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

function ask(child: ChildProcess, cmd: string): Promise<{ url?: string }> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { ok: boolean; url?: string; error?: string }) => {
      child.off('exit', onExit);
      if (m.ok) resolve(m);
      else reject(new Error(`cluster ${cmd}: ${m.error}`));
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      if (cmd === 'dispose') resolve({});
      else reject(new Error(`cluster helper exited (${code}) during ${cmd}`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
    child.send({ cmd });
  });
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const child = fork(join(__dirname, 'pg-control.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { url } = await ask(child, 'start');
  return {
    url: url!,
    stop: async () => void (await ask(child, 'stop')),
    start: async () => void (await ask(child, 'start')),
    dispose: async () => void (child.connected ? await ask(child, 'dispose') : undefined),
  };
}

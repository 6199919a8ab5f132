// A test hub (real PostgreSQL, demo data) whose gateway serves the current build of web/.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../kit/hub';

export function buildWeb(): void {
  // In a child process: the build must not change this process's NODE_ENV (Vite sets it).
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'web', 'scripts', 'ensure-build.mjs')], { stdio: 'inherit' });
}

export async function startWebHub(label: string): Promise<{ hub: TestHub; base: string }> {
  buildWeb();
  const hub = await startTestHub({ label });
  return { hub, base: hub.gateway.url.replace(/\/graphql$/, '') };
}

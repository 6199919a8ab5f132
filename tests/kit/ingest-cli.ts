// Runs a hub CLI (`npm run ingest`: scripts/ingest/cli.ts; `npm run sen2`: scripts/sen2/cli.ts)
// against a test hub's gateway, asynchronously: the gateway it talks to answers from this very process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export function runCli(gatewayUrl: string, script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args, '--gateway', gatewayUrl],
      { cwd: join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (e, stdout, stderr) => resolve({ status: e ? ((e as any).code ?? null) : 0, stdout, stderr }),
    ),
  );
}

export function runIngestCli(gatewayUrl: string, agency: string, args: string[]) {
  return runCli(gatewayUrl, 'scripts/ingest/cli.ts', ['--agency', agency, ...args]);
}

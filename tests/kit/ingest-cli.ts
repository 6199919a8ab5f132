// Runs `npm run ingest` (scripts/ingest/cli.ts) against a test hub's gateway, asynchronously: the
// gateway it talks to answers from this very process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export function runIngestCli(gatewayUrl: string, agency: string, args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', 'scripts/ingest/cli.ts', '--agency', agency, ...args, '--gateway', gatewayUrl], { cwd: join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 60_000 }, (e, stdout, stderr) =>
      resolve({ status: e ? ((e as any).code ?? null) : 0, stdout, stderr }),
    ),
  );
}

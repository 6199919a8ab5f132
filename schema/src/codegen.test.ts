// The generators (graphql-codegen's ESM dependencies, prettier's) do not load under jest's module
// system, so the check runs as the script itself would: `npm run codegen -- --check`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS } from './services';

it("each subgraph's committed resolver types match its SDL (run `npm run codegen` to regenerate)", () => {
  const root = join(__dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'schema', 'scripts', 'codegen.ts'), '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  // Every subgraph was compared, and each was found up to date.
  expect(run.stdout.trim().split('\n').sort()).toEqual(SUBGRAPHS.map((s) => `up to date: ${s.name}`).sort());
  expect(run.status).toBe(0);
}, 120_000);

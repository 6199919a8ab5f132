// A checkout under /root (mode 700) is out of the `postgres` user's reach: embedded PostgreSQL must
// still run there, from a copy of its binaries and a data folder it can reach, or say in one
// sentence what to do (tests/kit/postgres-reach.mjs). The checks run in their own node process
// because the kit is ESM.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const findings = () =>
  JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'postgres-reach.check.mjs')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  );

test('a folder is reachable only when every folder on the way may be entered; as root, PostgreSQL runs from a reachable copy or says what to do', () => {
  const f = findings();
  expect(f.strangerThrough700).toBe(false);
  expect(f.strangerThrough711).toBe(true);
  if (process.getuid?.() !== 0) return; // as another user PostgreSQL runs as that user: nothing to move
  expect(f.dataMoved).toBe(true);
  expect(f.selectOne).toBe(1);
  expect(f.sealedError).toMatch(
    /^Embedded PostgreSQL cannot run here: .*cannot enter .*Set HUB_PG_RUNTIME_DIR to a folder that user can reach/,
  );
  expect(f.sealedError).not.toMatch(/\n\s+at /);
});

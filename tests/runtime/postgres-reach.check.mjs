// Run by postgres-reach.test.ts in its own node process (the kit is ESM, jest's transform is CJS).
// Prints one JSON line of findings; the test judges them.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importCopy, reachableBy, reachableDataDir } from '../kit/postgres-reach.mjs';
import { freePort } from '../kit/postgres.mjs';

const out = {};
const scratch = mkdtempSync(join(tmpdir(), 'hub-reach-'));
chmodSync(scratch, 0o755);
try {
  const stranger = { uid: 424242, gids: [424242] };
  const closed = join(scratch, 'closed');
  mkdirSync(join(closed, 'inner'), { recursive: true, mode: 0o755 });
  chmodSync(closed, 0o700);
  out.strangerThrough700 = reachableBy(join(closed, 'inner'), stranger);
  chmodSync(closed, 0o711);
  out.strangerThrough711 = reachableBy(join(closed, 'inner'), stranger);

  if (process.getuid?.() === 0) {
    const home = join(scratch, 'home');
    mkdirSync(join(home, 'checkout', '.data'), { recursive: true });
    chmodSync(home, 0o700);
    process.env.HUB_PG_RUNTIME_DIR = join(scratch, 'runtime');
    const dir = reachableDataDir(join(home, 'checkout', '.data', 'pg'));
    out.dataMoved = dir.startsWith(join(scratch, 'runtime'));
    const { default: EmbeddedPostgres } = await importCopy(join(scratch, 'runtime', 'bin'));
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      user: 'hub',
      password: 'hub',
      port,
      persistent: false,
      createPostgresUser: true,
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    try {
      const c = new pg.Client({ connectionString: `postgres://hub:hub@127.0.0.1:${port}/postgres` });
      await c.connect();
      out.selectOne = (await c.query('select 1 as one')).rows[0].one;
      await c.end();
    } finally {
      await server.stop();
    }

    const sealed = join(scratch, 'sealed');
    mkdirSync(sealed);
    chmodSync(sealed, 0o700);
    process.env.HUB_PG_RUNTIME_DIR = join(sealed, 'runtime');
    try {
      reachableDataDir(join(home, 'checkout', '.data', 'pg'));
      out.sealedError = null;
    } catch (e) {
      out.sealedError = e.message;
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(JSON.stringify(out));

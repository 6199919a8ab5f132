// DataLoader helpers: every lookup of a related record batches per request into one statement.
import DataLoader from 'dataloader';
import type { Db } from './db';

/** One row (or null) per key: `sql` takes $1 = array of keys and must return `keyColumn`. */
export function oneByKey<R extends Record<string, any>>(db: Db, sql: string, keyColumn: string) {
  return new DataLoader<string, R | null>(
    async (keys) => {
      const rows = await db.query<R>(sql, [keys as string[]]);
      const byKey = new Map<string, R>();
      for (const r of rows) byKey.set(String(r[keyColumn]), r);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** Many rows per key, in the order the SQL returns them. */
export function manyByKey<R extends Record<string, any>>(db: Db, sql: string, keyColumn: string) {
  return new DataLoader<string, R[]>(
    async (keys) => {
      const rows = await db.query<R>(sql, [keys as string[]]);
      const byKey = new Map<string, R[]>();
      for (const r of rows) {
        const k = String(r[keyColumn]);
        let list = byKey.get(k);
        if (!list) byKey.set(k, (list = []));
        list.push(r);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}

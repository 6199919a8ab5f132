// The one door to a subgraph's PostgreSQL at run time. Every statement is counted here, per
// process and per request, so that "N children cost a constant number of statements" is a
// number a test asserts, not a hope. Schema changes go through TypeORM migrations (migrate.ts).
import { createHash } from 'node:crypto';
import { Pool, types, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { requestScope } from './request-context';
import { isDatabaseUnavailable } from './error-mask';

// DATE columns stay ISO strings: a JS Date would shift calendar dates by the local time zone.
types.setTypeParser(1082, (v: string) => v);
// COUNT(*) and other int8 results are small here; numbers are what callers expect.
types.setTypeParser(20, (v: string) => Number(v));

export interface DbStats {
  statements: number;
}

export interface Db {
  query<R extends QueryResultRow = any>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs fn in one transaction; statements inside are counted like any other. */
  transaction<T>(fn: (q: Db['query']) => Promise<T>): Promise<T>;
  stats: DbStats;
  pool: Pool;
  close(): Promise<void>;
}

export function poolConfig(url: string, max = 10): PoolConfig {
  return {
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    // A statement that runs away must not hold a request (or the pool) forever.
    statement_timeout: 15_000,
    application_name: 'send-hub',
  };
}

const names = new Map<string, string>();

/** A prepared statement's name: from a hash of its text, so two texts never share one. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}

export function createDb(url: string, opts: { max?: number } = {}): Db {
  const pool = new Pool(poolConfig(url, opts.max));
  // A server restart kills idle clients; pg emits 'error' on the pool, which must not crash us.
  pool.on('error', () => undefined);
  const stats: DbStats = { statements: 0 };
  const count = () => {
    stats.statements++;
    const scope = requestScope.getStore();
    if (scope) scope.sql++;
  };
  const runOn = (client: Pool | PoolClient) => async (sql: string, params?: unknown[]) => {
    count();
    // With parameters: a named statement, parsed and planned once per connection rather than on
    // every call (the same text always gets the same name). Without: the simple protocol, which
    // also runs scripts of several statements.
    const r =
      params === undefined ? await client.query(sql) : await client.query({ name: statementName(sql), text: sql, values: params as any[] });
    return r.rows;
  };
  const query = runOn(pool) as Db['query'];
  return {
    query,
    stats,
    pool,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection lost between statements emits 'error' on the checked-out client: without a
      // listener that would crash the process. The failing statement reports it instead.
      const ignore = () => undefined;
      client.on('error', ignore);
      let broken: Error | undefined;
      const q = runOn(client) as Db['query'];
      try {
        await client.query('BEGIN');
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        if (isDatabaseUnavailable(e)) broken = e as Error;
        else await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.off('error', ignore);
        // A broken connection is destroyed, not handed to the next request.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

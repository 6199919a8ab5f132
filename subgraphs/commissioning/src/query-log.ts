// Who ran which commissioning query, when: written before any figure is computed, so a query that
// fails is logged too. Only the question is kept, never the answer.
import type { Db } from '@hub/runtime/db';
import type { Caller } from '@hub/guard/identity';
import type { CommissioningQuery } from './query';

export async function logQuery(db: Db, caller: Caller, requestId: string, measure: string, q: CommissioningQuery): Promise<void> {
  await db.query(
    'INSERT INTO commissioning_query (request_id, actor_sub, actor_org, measure, dimensions, filter) VALUES ($1, $2, $3, $4, $5, $6)',
    [requestId, caller.sub, caller.org, measure, q.dimensions, JSON.stringify({ asAt: q.asAt, ...q.fixed })],
  );
}

export interface QueryRunRow {
  at: string;
  request_id: string;
  actor_sub: string;
  actor_org: string;
  measure: string;
  dimensions: string[];
  filter: unknown;
}

export async function recentQueries(db: Db, limit: number): Promise<QueryRunRow[]> {
  return db.query<QueryRunRow>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, request_id, actor_sub, actor_org, measure, dimensions, filter
    FROM commissioning_query ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

// All SQL of the advice module. Reads batch per request through DataLoaders (one statement per
// batch); writes are single statements or one short transaction.
import type { Db } from '@hub/runtime/db';
import { manyByKey } from '@hub/runtime/loaders';

export interface AdviceRequestRow {
  id: string;
  child_id: string;
  organisation: string;
  advice_type: string;
  requested_on: string;
  due_on: string;
  first_submitted_at: string | null;
  latest_version: number | null;
}

export interface AdviceProvisionJson {
  section: string;
  description: string;
  provider: string | null;
  hoursPerWeek: number | null;
}

export interface AdviceRow {
  id: string;
  version: number;
  request_id: string;
  child_id: string;
  idempotency_key: string;
  submitted_by: string;
  submitted_org: string;
  submitted_at: Date;
  author_name: string;
  author_role: string;
  advice_date: string;
  needs: string[];
  outcomes: string[];
  provision: AdviceProvisionJson[];
}

export interface AdviceContent {
  needs: string[];
  outcomes: string[];
  provision: AdviceProvisionJson[];
  authorName: string;
  authorRole: string;
  adviceDate: string;
}

const REQUEST_COLUMNS = `r.id, r.child_id, r.organisation, r.advice_type, r.requested_on, r.due_on,
  (SELECT min(a.submitted_at) FROM advice a WHERE a.request_id = r.id) AS first_submitted_at,
  (SELECT max(a.version) FROM advice a WHERE a.request_id = r.id) AS latest_version`;

export function adviceLoaders(db: Db) {
  return {
    /** Every version for each request, newest first. */
    adviceByRequest: manyByKey<AdviceRow>(
      db,
      'SELECT * FROM advice WHERE request_id = ANY($1::uuid[]) ORDER BY version DESC',
      'request_id',
    ),
    /** The newest version of each piece of advice about each child, newest first. */
    adviceByChild: manyByKey<AdviceRow>(
      db,
      `SELECT * FROM (SELECT DISTINCT ON (id) * FROM advice WHERE child_id = ANY($1::uuid[]) ORDER BY id, version DESC) latest
       ORDER BY submitted_at DESC, id`,
      'child_id',
    ),
  };
}
export type AdviceLoaders = ReturnType<typeof adviceLoaders>;

export async function listRequests(db: Db, organisations: readonly string[], outstandingOnly: boolean): Promise<AdviceRequestRow[]> {
  return db.query<AdviceRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM advice_request r
     WHERE r.organisation = ANY($1::text[]) AND (NOT $2 OR NOT EXISTS (SELECT 1 FROM advice a WHERE a.request_id = r.id))
     ORDER BY r.organisation, r.due_on, r.id LIMIT 5000`,
    [organisations, outstandingOnly],
  );
}

export async function requestById(db: Db, id: string): Promise<AdviceRequestRow | null> {
  const rows = await db.query<AdviceRequestRow>(`SELECT ${REQUEST_COLUMNS} FROM advice_request r WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function adviceByKey(db: Db, submittedBy: string, key: string): Promise<AdviceRow | null> {
  const rows = await db.query<AdviceRow>('SELECT * FROM advice WHERE submitted_by = $1 AND idempotency_key = $2', [submittedBy, key]);
  return rows[0] ?? null;
}

/** Stores a request education sent; a repeat of the same request changes nothing. */
export async function storeRequest(
  db: Db,
  r: { id: string; childId: string; organisation: string; adviceType: string; requestedOn: string; dueOn: string },
): Promise<void> {
  await db.query(
    `INSERT INTO advice_request (id, child_id, organisation, advice_type, requested_on, due_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [r.id, r.childId, r.organisation, r.adviceType, r.requestedOn, r.dueOn],
  );
}

const INSERT_COLUMNS =
  '(id, version, request_id, child_id, idempotency_key, submitted_by, submitted_org, author_name, author_role, advice_date, needs, outcomes, provision)';

function contentParams(c: AdviceContent) {
  return [c.authorName, c.authorRole, c.adviceDate, JSON.stringify(c.needs), JSON.stringify(c.outcomes), JSON.stringify(c.provision)];
}

/**
 * Inserts version 1 inside `q`'s transaction. Returns the row, or null when a unique constraint
 * refused it (the same idempotency key, or advice already given for the request): the caller
 * reads back which.
 */
export async function insertFirstVersion(
  q: Db['query'],
  a: { id: string; requestId: string; childId: string; key: string; sub: string; org: string },
  c: AdviceContent,
): Promise<AdviceRow | null> {
  const rows = await q<AdviceRow>(
    `INSERT INTO advice ${INSERT_COLUMNS} VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING *`,
    [a.id, a.requestId, a.childId, a.key, a.sub, a.org, ...contentParams(c)],
  );
  return rows[0] ?? null;
}

/**
 * Inserts the next version inside `q`'s transaction. Locks the first version, so concurrent
 * amendments of one advice take turns and each gets its own number. Returns null when the
 * idempotency key was already used (the caller reads back), or when there is no such advice.
 */
export async function insertNextVersion(
  q: Db['query'],
  adviceId: string,
  a: { key: string; sub: string; org: string },
  c: AdviceContent,
): Promise<AdviceRow | null> {
  const first = await q<AdviceRow>('SELECT * FROM advice WHERE id = $1 AND version = 1 FOR UPDATE', [adviceId]);
  if (!first.length) return null;
  const rows = await q<AdviceRow>(
    `INSERT INTO advice ${INSERT_COLUMNS}
     SELECT $1, max(version) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM advice WHERE id = $1
     ON CONFLICT DO NOTHING RETURNING *`,
    [adviceId, first[0].request_id, first[0].child_id, a.key, a.sub, a.org, ...contentParams(c)],
  );
  return rows[0] ?? null;
}

export async function firstVersion(db: Db, adviceId: string): Promise<(AdviceRow & { organisation: string }) | null> {
  const rows = await db.query(
    'SELECT a.*, r.organisation FROM advice a JOIN advice_request r ON r.id = a.request_id WHERE a.id = $1 AND a.version = 1',
    [adviceId],
  );
  return rows[0] ?? null;
}

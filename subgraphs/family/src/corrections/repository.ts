// Every read and write of correction requests. Reads go through the request's auditing Db (the
// loaders'), so the decision's audit entry travels with the read; writes carry theirs (auditedWrite).
import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import { manyByKey } from '@hub/runtime/loaders';
import { type AuditEntry } from '@hub/guard/audit/chain';
import { type Db } from '@hub/runtime/db';
import type { Agency, DataCategory } from '@hub/schema';

const COLUMNS =
  'id, child_id, agency, category, about, what_is_wrong, what_it_should_say, requested_as, requested_at, status, answered_org, answered_at, answer';

export interface CorrectionRow {
  id: string;
  child_id: string;
  agency: Agency;
  category: DataCategory;
  [column: string]: any;
}

export function correctionOut(r: CorrectionRow) {
  const ts = (t: any) => (t ? new Date(t).toISOString() : null);
  return {
    id: r.id,
    childId: r.child_id,
    agency: r.agency,
    category: r.category,
    about: r.about,
    whatIsWrong: r.what_is_wrong,
    whatItShouldSay: r.what_it_should_say,
    requestedAs: r.requested_as,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.status,
    answeredOrg: r.answered_org,
    answeredAt: ts(r.answered_at),
    answer: r.answer,
  };
}

/** Every request about a child, newest first; the resolver releases only what the caller may see. */
export function correctionsLoader(db: Db) {
  return manyByKey<CorrectionRow>(
    db,
    `SELECT ${COLUMNS} FROM correction_request WHERE child_id = ANY($1::uuid[]) ORDER BY requested_at DESC, id`,
    'child_id',
  );
}

/** Where a request is addressed, to decide before anything of it is released or changed. */
export async function correctionTarget(db: Db, id: string): Promise<CorrectionRow | undefined> {
  return (await db.query<CorrectionRow>('SELECT id, child_id, agency, category FROM correction_request WHERE id = $1', [id]))[0];
}

export async function insertCorrection(
  ctx: SubgraphContext<any>,
  row: {
    id: string;
    childId: string;
    agency: string;
    category: string;
    about: string | null;
    whatIsWrong: string;
    whatItShouldSay: string | null;
    as: string;
    key: string | null;
  },
  entry: AuditEntry,
) {
  const inserted = await auditedWrite<CorrectionRow>(
    ctx,
    `INSERT INTO correction_request (id, child_id, agency, category, about, what_is_wrong, what_it_should_say, requested_by, requested_as, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (requested_by, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [row.id, row.childId, row.agency, row.category, row.about, row.whatIsWrong, row.whatItShouldSay, ctx.caller.sub, row.as, row.key],
    [entry],
  );
  return inserted[0];
}

export async function byIdempotencyKey(
  db: Db,
  column: 'requested_by' | 'answered_by',
  sub: string,
  keyColumn: 'idempotency_key' | 'answer_key',
  key: string,
) {
  return (
    await db.query<CorrectionRow>(`SELECT ${COLUMNS} FROM correction_request WHERE ${column} = $1 AND ${keyColumn} = $2`, [sub, key])
  )[0];
}

/** Answers an open request; nothing when it was already answered. */
export async function answerCorrection(
  ctx: SubgraphContext<any>,
  id: string,
  outcome: string,
  answer: string | null,
  key: string | null,
  entry: AuditEntry,
) {
  const rows = await auditedWrite<CorrectionRow>(
    ctx,
    `UPDATE correction_request SET status = $2, answer = $3, answered_by = $4, answered_org = $5, answered_at = now(), answer_key = $6
      WHERE id = $1 AND status = 'OPEN' RETURNING ${COLUMNS}`,
    [id, outcome, answer, ctx.caller.sub, ctx.caller.org, key],
    [entry],
  );
  return rows[0];
}

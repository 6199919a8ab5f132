// Appends audit records (unsealed: seal.ts chains them) and reads them back. Each call is ONE SQL statement.
import { isHubId } from '@hub/schema';
import type { Db } from '@hub/runtime/db';
import { normalizeAuditRecord, type AuditEntry, type AuditRecord } from './chain';

/** A stored audit event. */
export interface AuditEventRow extends AuditRecord {
  seq: number;
  childIds: string[];
  breakGlass: boolean;
  prevHash: string;
  hash: string;
}

/** Columns an unsealed record is inserted with, in parameter order (see auditParams). */
const INSERT_COLUMNS = 'at, request_id, actor_sub, actor_org, actor_roles, purpose, child_ids, break_glass, entries';
const CASTS = ['timestamptz', 'text', 'text', 'text', 'text[]', 'text', 'uuid[]', 'boolean', 'jsonb'];

function insertSql(first: number): string {
  const values = CASTS.map((c, i) => `$${first + i}::${c}`).join(', ');
  return `INSERT INTO audit_event (${INSERT_COLUMNS}) VALUES (${values}) RETURNING id`;
}

/** The record as insert parameters. Throws if it is malformed: the caller must then not release data. */
export function auditParams(record: AuditRecord): unknown[] {
  const r = normalizeAuditRecord(record);
  const childIds = [...new Set(r.entries.map((e) => e.childId))];
  const breakGlass = r.entries.some((e) => e.basis === 'BREAK_GLASS');
  return [r.at, r.requestId, r.actor.sub, r.actor.org, r.actor.roles, r.purpose, childIds, breakGlass, JSON.stringify(r.entries)];
}

/**
 * A write (an INSERT, UPDATE or DELETE ... RETURNING) with its audit record as a data-modifying CTE
 * of the same statement: the record is inserted if, and only if, the write changed a row, and both
 * commit together or not at all. One statement, so a client that dies mid-request cannot leave a
 * write without its record (or a record without its write). Returns the write's RETURNING rows.
 */
export function withAuditOnWrite(sql: string, params: readonly unknown[], record: AuditRecord): { sql: string; params: unknown[] } {
  const used = Math.max(params.length, ...[...sql.matchAll(PARAM)].map((m) => Number(m[1])));
  const values = CASTS.map((c, i) => `$${used + 1 + i}::${c}`).join(', ');
  return {
    sql: `WITH written AS (${sql}), audit_write AS (INSERT INTO audit_event (${INSERT_COLUMNS}) SELECT ${values} WHERE EXISTS (SELECT 1 FROM written)) SELECT * FROM written`,
    params: [...params, ...new Array(used - params.length).fill(null), ...auditParams(record)],
  };
}

/**
 * Appends one unsealed record on its own. The sealer (seal.ts) chains it shortly after.
 * Throws if the record is malformed or the write fails: the caller must then refuse to release data.
 */
export async function writeAudit(db: Db, record: AuditRecord): Promise<{ id: number }> {
  const rows = await db.query<{ id: string | number }>(insertSql(1), auditParams(record));
  return { id: Number(rows[0].id) };
}

const PARAM = /\$(\d+)/g;

/**
 * `sql` (a SELECT, or a WITH ... SELECT) with the record's INSERT added as a data-modifying CTE, so
 * the read and its audit record are one statement: both happen or neither does, in one round trip.
 * PostgreSQL runs a data-modifying CTE whether or not the query refers to it.
 */
export function withAuditInsert(sql: string, params: readonly unknown[], record: AuditRecord): { sql: string; params: unknown[] } {
  const used = Math.max(params.length, ...[...sql.matchAll(PARAM)].map((m) => Number(m[1])));
  const cte = `audit_write AS (${insertSql(used + 1)})`;
  const trimmed = sql.trimStart();
  const combined = /^with\s/i.test(trimmed) ? `WITH ${cte}, ${trimmed.slice(5)}` : `WITH ${cte} ${trimmed}`;
  return { sql: combined, params: [...params, ...new Array(used - params.length).fill(null), ...auditParams(record)] };
}

// `at` as text with microseconds in UTC, independent of the session's time zone and of pg's Date
// parsing (which would drop microseconds and so hide a sub-millisecond edit).
const AT_US = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Columns every reader selects; rowToEvent turns them into an AuditEventRow. */
export const EVENT_COLUMNS = `id, seq, seq::text AS seq_text, ${AT_US} AS at_us, request_id, actor_sub, actor_org, actor_roles, purpose, child_ids::text[] AS child_ids, break_glass, entries, prev_hash, hash`;

export interface EventDbRow {
  id?: number | string;
  seq: number | string;
  seq_text: string;
  at_us: string | null;
  request_id: string;
  actor_sub: string;
  actor_org: string;
  actor_roles: string[];
  purpose: string;
  child_ids: string[];
  break_glass: boolean;
  entries: unknown;
  prev_hash: string;
  hash: string;
}

/** The stored timestamp in the form it was hashed in: milliseconds, or microseconds if it has any. */
export function atFromDb(atUs: string | null): string {
  const m = atUs ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})(\d{3})$/.exec(atUs) : null;
  if (!m) return String(atUs);
  return m[3] === '000' ? `${m[1]}.${m[2]}Z` : `${m[1]}.${m[2]}${m[3]}Z`;
}

export function rowToEvent(row: EventDbRow): AuditEventRow {
  return {
    seq: Number(row.seq_text ?? row.seq),
    at: atFromDb(row.at_us),
    requestId: row.request_id,
    actor: { sub: row.actor_sub, org: row.actor_org, roles: row.actor_roles },
    purpose: row.purpose,
    childIds: row.child_ids,
    breakGlass: row.break_glass,
    entries: row.entries as AuditEntry[],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Every event that touched one child, oldest first, each with ONLY that child's entries (and only
 * that child in childIds: other children in the same request are not disclosed). One statement;
 * the GIN index on child_ids finds the events. Rows so trimmed no longer hash to their stored hash.
 */
export async function readAuditTrail(db: Db, childId: string): Promise<AuditEventRow[]> {
  if (!isHubId(childId)) throw new Error('readAuditTrail: childId must be a uuid');
  const rows = await db.query<EventDbRow>(
    `SELECT seq, seq::text AS seq_text, ${AT_US} AS at_us, request_id, actor_sub, actor_org, actor_roles, purpose,
            ARRAY[$1::uuid::text] AS child_ids, break_glass,
            COALESCE((SELECT jsonb_agg(x.e ORDER BY x.ord) FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(e, ord)
                       WHERE x.e->>'childId' = $1::uuid::text), '[]'::jsonb) AS entries,
            prev_hash, hash
       FROM audit_event
      WHERE child_ids @> ARRAY[$1::uuid] AND seq IS NOT NULL
      ORDER BY seq`,
    [childId],
  );
  return rows.map(rowToEvent);
}

export interface BreakGlassQuery {
  /** ISO timestamps: events at or after `since`, before `until`. */
  since?: string;
  until?: string;
  /** Events with seq greater than this (for paging). */
  afterSeq?: number;
  /** At most this many events (default 1000). */
  limit?: number;
}

/** Events in which any data was released on a break-glass basis, oldest first. One statement. */
export async function readBreakGlassEvents(db: Db, opts: BreakGlassQuery = {}): Promise<AuditEventRow[]> {
  const limit = opts.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new Error('readBreakGlassEvents: limit must be a positive integer');
  const rows = await db.query<EventDbRow>(
    `SELECT ${EVENT_COLUMNS}
       FROM audit_event
      WHERE break_glass AND seq IS NOT NULL
        AND ($1::timestamptz IS NULL OR at >= $1::timestamptz)
        AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
        AND ($3::bigint IS NULL OR seq > $3::bigint)
      ORDER BY seq
      LIMIT $4`,
    [opts.since ?? null, opts.until ?? null, opts.afterSeq ?? null, limit],
  );
  return rows.map(rowToEvent);
}

// Appends audit records to the chain, and reads them back. Each call is ONE SQL statement.
import { isHubId } from '@hub/schema';
import type { Db } from '../db';
import { canonicalPayload, normalizeAuditRecord, type AuditEntry, type AuditRecord } from './chain';

/** A stored audit event. */
export interface AuditEventRow extends AuditRecord {
  seq: number;
  childIds: string[];
  breakGlass: boolean;
  prevHash: string;
  hash: string;
}

// One statement, so it is atomic and counted once. The UPDATE takes audit_head's row lock, which
// serialises concurrent writers: a second writer waits, then re-evaluates its SET against the
// row the first one committed, so every event links to exactly one predecessor and seq has no
// gaps. SET expressions see the OLD row (hence prev_hash = old hash, new hash from old hash and
// old seq + 1); RETURNING sees the NEW row. The hash is computed here, from the head as locked,
// over exactly the bytes chainHash() hashes in JS: `${prevHash}|${seq}|` + UTF-8 payload ($1 is
// sent as bytea, so the database's encoding cannot change it). If the INSERT fails, the whole
// statement — the head's advance included — rolls back and writeAudit throws.
export const WRITE_AUDIT_SQL = `WITH head AS (
  UPDATE audit_head
     SET seq = audit_head.seq + 1,
         prev_hash = audit_head.hash,
         hash = encode(sha256(convert_to(audit_head.hash || '|' || (audit_head.seq + 1)::text || '|', 'UTF8') || $1::bytea), 'hex')
   WHERE audit_head.id
  RETURNING audit_head.seq, audit_head.prev_hash, audit_head.hash
)
INSERT INTO audit_event (seq, at, request_id, actor_sub, actor_org, actor_roles, purpose, child_ids, break_glass, entries, prev_hash, hash)
SELECT head.seq, $2::timestamptz, $3::text, $4::text, $5::text, $6::text[], $7::text, $8::uuid[], $9::boolean, $10::jsonb, head.prev_hash, head.hash
  FROM head
RETURNING seq, hash`;

/**
 * Appends one record (one per request per subgraph) to the chain. Throws if the record is
 * malformed or the write fails: the caller must then refuse to release the data.
 * Call it outside long transactions: the head row stays locked until the caller's commit.
 */
export async function writeAudit(db: Db, record: AuditRecord): Promise<{ seq: number; hash: string }> {
  const r = normalizeAuditRecord(record);
  const payload = Buffer.from(canonicalPayload(r), 'utf8');
  const childIds = [...new Set(r.entries.map((e) => e.childId))];
  const breakGlass = r.entries.some((e) => e.basis === 'BREAK_GLASS');
  const rows = await db.query<{ seq: string | number; hash: string }>(WRITE_AUDIT_SQL, [
    payload,
    r.at,
    r.requestId,
    r.actor.sub,
    r.actor.org,
    r.actor.roles,
    r.purpose,
    childIds,
    breakGlass,
    JSON.stringify(r.entries),
  ]);
  if (rows.length !== 1) throw new Error('audit write failed: audit_head has no row (were the audit tables migrated?)');
  return { seq: Number(rows[0].seq), hash: rows[0].hash };
}

// `at` as text with microseconds in UTC, independent of the session's time zone and of pg's Date
// parsing (which would drop microseconds and so hide a sub-millisecond edit).
const AT_US = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Columns every reader selects; rowToEvent turns them into an AuditEventRow. */
export const EVENT_COLUMNS = `seq, seq::text AS seq_text, ${AT_US} AS at_us, request_id, actor_sub, actor_org, actor_roles, purpose, child_ids::text[] AS child_ids, break_glass, entries, prev_hash, hash`;

export interface EventDbRow {
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
      WHERE child_ids @> ARRAY[$1::uuid]
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
      WHERE break_glass
        AND ($1::timestamptz IS NULL OR at >= $1::timestamptz)
        AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
        AND ($3::bigint IS NULL OR seq > $3::bigint)
      ORDER BY seq
      LIMIT $4`,
    [opts.since ?? null, opts.until ?? null, opts.afterSeq ?? null, limit],
  );
  return rows.map(rowToEvent);
}

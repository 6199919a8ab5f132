// The audit record, its canonical form and the hash that chains records together. Pure: no I/O.
//
// An audit record references data, it never copies it: ids, categories and decisions only — no
// names, no NHS numbers, no field values. normalizeAuditRecord keeps exactly the known keys, so a
// stray property (a name, say) never reaches the database.
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { isHubId } from '@hub/schema';
import type { Basis, Decision, WithholdReason } from '../policy/types';

export interface AuditEntry {
  childId: string;
  category: string;
  decision: 'PERMIT' | 'DENY';
  basis?: Basis;
  reason?: WithholdReason;
  consentId?: string;
  breakGlassId?: string;
  /** Governance's entries only: what was done to its record (agency entries are reads). */
  action?: AuditAction;
  /** Governance's entries only: the id of the consent, relationship or break glass acted on. */
  recordId?: string;
}

/** What a governance entry records: a read or look-up, or a write to the family's sharing records. */
export const AUDIT_ACTIONS = ['READ', 'LOOKUP', 'CREATE', 'END', 'AMEND', 'WITHDRAW', 'REVIEW'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  sub: string;
  org: string;
  roles: string[];
}

/** One record per request per subgraph (not one per field). */
export interface AuditRecord {
  /** ISO timestamp of the request. */
  at: string;
  requestId: string;
  actor: AuditActor;
  purpose: string;
  entries: AuditEntry[];
}

const BASES: readonly string[] = ['RELATIONSHIP', 'CONSENT', 'BREAK_GLASS', 'ROLE'] satisfies Basis[];
const REASONS: readonly string[] = ['NO_CONSENT', 'NO_RELATIONSHIP', 'ROLE'] satisfies WithholdReason[];
// Strings must survive the trip to PostgreSQL unchanged, or the stored row could not be re-hashed
// to the same value: text cannot hold NUL, and a lone surrogate would be re-encoded as U+FFFD.
// oxlint-disable-next-line no-control-regex -- NUL is the very character refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The audit entry for one policy decision about one child's category of data. */
export function auditEntry(childId: string, category: string, decision: Decision): AuditEntry {
  if (decision.effect === 'PERMIT') {
    const e: AuditEntry = { childId, category, decision: 'PERMIT', basis: decision.basis };
    if (decision.consentId !== undefined) e.consentId = decision.consentId;
    if (decision.breakGlassId !== undefined) e.breakGlassId = decision.breakGlassId;
    return e;
  }
  return { childId, category, decision: 'DENY', reason: decision.reason };
}

function text(value: unknown, what: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`audit record: ${what} must be a non-empty string`);
  if (UNSTORABLE.test(value)) throw new Error(`audit record: ${what} contains a NUL or an unpaired surrogate`);
  return value;
}

/** ISO timestamp with milliseconds in UTC, the only form stored and hashed. */
export function canonicalAt(at: unknown): string {
  if (typeof at !== 'string') throw new Error('audit record: at must be an ISO timestamp string');
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new Error('audit record: at is not a valid timestamp');
  const iso = d.toISOString();
  if (!/^[1-9]\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso)) throw new Error('audit record: at is out of range');
  return iso;
}

/**
 * Validates a record and reduces it to exactly what is stored: known keys only, `at` in canonical
 * UTC form, child ids lower case, roles sorted and distinct, entries sorted and distinct.
 * Throws on anything that is not a well-formed record (the caller must then not release data).
 */
export function normalizeAuditRecord(record: AuditRecord): AuditRecord {
  if (!record || typeof record !== 'object') throw new Error('audit record: missing');
  const actor = record.actor;
  if (!actor || typeof actor !== 'object') throw new Error('audit record: actor is missing');
  if (!Array.isArray(actor.roles)) throw new Error('audit record: actor.roles must be an array');
  if (!Array.isArray(record.entries)) throw new Error('audit record: entries must be an array');
  const roles = [...new Set(actor.roles.map((r) => text(r, 'actor role')!))].sort(compare);
  const entries = record.entries.map((e, i) => normalizeEntry(e, i));
  const seen = new Set<string>();
  const distinct = sortEntries(entries).filter((e) => {
    const k = stableStringify(e);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return {
    at: canonicalAt(record.at),
    requestId: text(record.requestId, 'requestId')!,
    actor: { sub: text(actor.sub, 'actor.sub')!, org: text(actor.org, 'actor.org')!, roles },
    purpose: text(record.purpose, 'purpose')!,
    entries: distinct,
  };
}

function normalizeEntry(e: AuditEntry, i: number): AuditEntry {
  if (!e || typeof e !== 'object') throw new Error(`audit record: entry ${i} is not an object`);
  const childId = text(e.childId, `entries[${i}].childId`)!;
  if (!isHubId(childId)) throw new Error(`audit record: entries[${i}].childId is not a uuid`);
  const out: AuditEntry = { childId: childId.toLowerCase(), category: text(e.category, `entries[${i}].category`)!, decision: e.decision };
  if (e.decision === 'PERMIT') {
    if (!BASES.includes(e.basis as string)) throw new Error(`audit record: entries[${i}] is a PERMIT without a valid basis`);
    if (e.reason !== undefined) throw new Error(`audit record: entries[${i}] is a PERMIT with a reason`);
    out.basis = e.basis;
  } else if (e.decision === 'DENY') {
    if (!REASONS.includes(e.reason as string)) throw new Error(`audit record: entries[${i}] is a DENY without a valid reason`);
    if (e.basis !== undefined) throw new Error(`audit record: entries[${i}] is a DENY with a basis`);
    out.reason = e.reason;
  } else {
    throw new Error(`audit record: entries[${i}].decision must be PERMIT or DENY`);
  }
  const consentId = text(e.consentId, `entries[${i}].consentId`, true);
  if (consentId !== undefined) out.consentId = consentId;
  const breakGlassId = text(e.breakGlassId, `entries[${i}].breakGlassId`, true);
  if (breakGlassId !== undefined) out.breakGlassId = breakGlassId;
  if (e.action !== undefined) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(e.action)) throw new Error(`audit record: entries[${i}].action is unknown`);
    out.action = e.action;
  }
  const recordId = text(e.recordId, `entries[${i}].recordId`, true);
  if (recordId !== undefined) out.recordId = recordId;
  return out;
}

/** Plain code-unit order: never localeCompare, whose answer depends on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function field(e: unknown, key: string): string {
  const v = e && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** Entries by childId, category, decision, then by their whole canonical form (a total order). */
function sortEntries<T>(entries: T[]): T[] {
  return entries
    .map((e) => ({ e, k: stableStringify(e) }))
    .sort(
      (a, b) =>
        compare(field(a.e, 'childId'), field(b.e, 'childId')) ||
        compare(field(a.e, 'category'), field(b.e, 'category')) ||
        compare(field(a.e, 'decision'), field(b.e, 'decision')) ||
        compare(a.k, b.k),
    )
    .map((x) => x.e);
}

/**
 * JSON with object keys sorted (code-unit order) at every level; undefined members are left out.
 * The chain's hashes depend on this exact text: chain.test.ts pins it with a fixed record.
 */
export const stableStringify: (value: unknown) => string = configure({ deterministic: true, circularValue: Error, bigint: false }) as (
  value: unknown,
) => string;

/**
 * The deterministic text that is hashed: sorted-key JSON of at, requestId, actor {sub, org, roles},
 * purpose and entries (sorted by childId, category, decision). It serialises what it is given —
 * every key of every entry, roles in their order — so that verifyChain, rebuilding the record from
 * the stored columns, notices any change. writeAudit hashes the normalised record.
 */
export function canonicalPayload(record: AuditRecord): string {
  return stableStringify({
    at: record.at,
    requestId: record.requestId,
    actor: { sub: record.actor?.sub, org: record.actor?.org, roles: record.actor?.roles },
    purpose: record.purpose,
    entries: Array.isArray(record.entries) ? sortEntries(record.entries) : record.entries,
  });
}

/** sha256 (hex) of `${prevHash}|${seq}|${payload}` in UTF-8; writeAudit computes the same in SQL. */
export function chainHash(prevHash: string, seq: number, payload: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${payload}`, 'utf8').digest('hex');
}

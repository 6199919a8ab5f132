// The audit chain against a real PostgreSQL: hash agreement between JS and SQL, concurrency,
// the one-statement budget, tamper detection and the per-child trail.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDb, type Db } from '@hub/runtime/db';
import { GENESIS_HASH, auditSealingDownSql, auditSealingSql, auditTablesDownSql, auditTablesSql } from './tables';
import { auditEntry, canonicalPayload, chainHash, normalizeAuditRecord, type AuditRecord } from './chain';
import { readAuditTrail, readBreakGlassEvents, withAuditInsert, writeAudit } from './writer';
import { sealAudit } from './seal';
import { verifyChain } from './verify';

const server = () => {
  const url = process.env.HUB_TEST_POSTGRES_URL;
  if (!url) throw new Error('HUB_TEST_POSTGRES_URL is not set: run through jest');
  return url;
};

async function admin(sql: string) {
  const c = new Client({ connectionString: `${server()}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const dbName = `audit_${randomBytes(4).toString('hex')}`;
let url: string;
let db: Db;

beforeAll(async () => {
  await admin(`CREATE DATABASE ${dbName}`);
  url = `${server()}/${dbName}`;
  db = createDb(url);
  await db.pool.query(auditTablesSql() + auditSealingSql());
});

afterAll(async () => {
  await db?.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

/** Fresh, empty tables (through the migration's down and up SQL). */
async function reset() {
  await db.pool.query(auditSealingDownSql() + auditTablesDownSql() + auditTablesSql() + auditSealingSql());
}

const CHILD_A = '11111111-1111-4111-8111-111111111111';
const CHILD_B = '22222222-2222-4222-8222-222222222222';

function record(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: new Date(Date.UTC(2025, 0, 1, 9, 0, 0, i)).toISOString(),
    requestId: `req-${i}`,
    actor: { sub: `user-${i % 3}`, org: 'LA123', roles: ['ehc_coordinator'] },
    purpose: 'EHC_ASSESSMENT',
    entries: [
      auditEntry(CHILD_A, 'EDUCATION', { effect: 'PERMIT', basis: 'RELATIONSHIP' }),
      auditEntry(CHILD_A, 'HEALTH', { effect: 'DENY', reason: 'NO_CONSENT' }),
      auditEntry(CHILD_B, 'IDENTITY', { effect: 'PERMIT', basis: 'CONSENT', consentId: `consent-${i}` }),
    ],
    ...over,
  };
}

async function fill(n: number) {
  for (let i = 1; i <= n; i++) await writeAudit(db, record(i));
  await sealAudit(db);
}

const chainRows = () =>
  db.query<{ seq: number; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq');

describe('hash agreement between JS and PostgreSQL', () => {
  const payloads = ['', 'plain', '{"purpose":"Zoë Ångström — café 日本語 😀"}', 'tab\tnew\nline "quoted" \\ back', '\u2028\u00a0ß'];

  it.each(payloads)('chainHash matches sha256 in SQL for %j', async (payload) => {
    const prev = chainHash(GENESIS_HASH, 1, 'x');
    const [row] = await db.query<{ text_form: string; bytea_form: string }>(
      `SELECT encode(sha256(convert_to($1::text || '|' || $2::bigint::text || '|' || $3::text, 'UTF8')), 'hex') AS text_form,
              encode(sha256(convert_to($1::text || '|' || $2::bigint::text || '|', 'UTF8') || $4::bytea), 'hex') AS bytea_form`,
      [prev, 12345, payload, Buffer.from(payload, 'utf8')],
    );
    const js = chainHash(prev, 12345, payload);
    expect(row.text_form).toBe(js);
    expect(row.bytea_form).toBe(js);
  });

  it('sealing stores the hash of the record as written, with non-ASCII text in the record', async () => {
    await reset();
    const r = record(1, {
      requestId: 'réq-Ω-😀',
      actor: { sub: 'zoë', org: 'Ørg', roles: ['social_worker', 'ehc_coordinator'] },
      purpose: 'DIRECT_CARE',
    });
    await writeAudit(db, r);
    await writeAudit(db, record(2));
    expect(await sealAudit(db)).toEqual({ sealed: 2, headSeq: 2 });
    const [first, second] = await chainRows();
    expect(first).toEqual({ seq: 1, prev_hash: GENESIS_HASH, hash: chainHash(GENESIS_HASH, 1, canonicalPayload(normalizeAuditRecord(r))) });
    expect(second).toEqual({
      seq: 2,
      prev_hash: first.hash,
      hash: chainHash(first.hash, 2, canonicalPayload(normalizeAuditRecord(record(2)))),
    });
    expect(await verifyChain(db)).toEqual({ ok: true, events: 2 });
  });
});

describe('canonical payload', () => {
  it('does not depend on key order, entry order, role order or time-zone spelling', () => {
    const a = record(7);
    const b: AuditRecord = {
      purpose: a.purpose,
      entries: [...a.entries].reverse().map((e) => Object.fromEntries(Object.entries(e).reverse()) as any),
      actor: { roles: [...a.actor.roles], org: a.actor.org, sub: a.actor.sub },
      requestId: a.requestId,
      at: '2025-01-01T10:00:00.007+01:00',
    };
    expect(canonicalPayload(normalizeAuditRecord(b))).toBe(canonicalPayload(normalizeAuditRecord(a)));
    expect(canonicalPayload(a)).toBe(canonicalPayload({ ...a, entries: [...a.entries].reverse() }));
  });

  it('keeps only ids, categories and decisions: stray personal data never reaches the record', () => {
    const r = record(1);
    (r.entries[0] as any).name = 'Alice Example';
    (r.entries[0] as any).nhsNumber = '9434765919';
    (r.actor as any).name = 'Dr Who';
    const n = normalizeAuditRecord(r);
    expect(JSON.stringify(n)).not.toMatch(/Alice|9434765919|Dr Who/);
  });

  it('rejects malformed records', () => {
    expect(() => normalizeAuditRecord(record(1, { at: 'yesterday' }))).toThrow();
    expect(() => normalizeAuditRecord(record(1, { requestId: '' }))).toThrow();
    expect(() => normalizeAuditRecord(record(1, { purpose: 'a\u0000b' }))).toThrow();
    expect(() =>
      normalizeAuditRecord(record(1, { entries: [{ childId: 'not-a-uuid', category: 'HEALTH', decision: 'DENY', reason: 'ROLE' }] })),
    ).toThrow();
    expect(() => normalizeAuditRecord(record(1, { entries: [{ childId: CHILD_A, category: 'HEALTH', decision: 'PERMIT' }] }))).toThrow();
    expect(() =>
      normalizeAuditRecord(
        record(1, { entries: [{ childId: CHILD_A, category: 'HEALTH', decision: 'DENY', reason: 'NO_CONSENT', basis: 'CONSENT' }] }),
      ),
    ).toThrow();
  });
});

describe('writeAudit', () => {
  beforeEach(reset);

  it('costs exactly one counted statement per record', async () => {
    for (let i = 1; i <= 3; i++) {
      const before = db.stats.statements;
      await writeAudit(db, record(i));
      expect(db.stats.statements - before).toBe(1);
    }
  });

  it('keeps the chain linear and gapless under 50 concurrent writers and 3 concurrent sealers', async () => {
    const before = db.stats.statements;
    await Promise.all(Array.from({ length: 50 }, (_, i) => writeAudit(db, record(i + 1))));
    expect(db.stats.statements - before).toBe(50);
    const sealed = await Promise.all([sealAudit(db, { batch: 7 }), sealAudit(db, { batch: 7 }), sealAudit(db, { batch: 7 })]);
    expect(sealed.reduce((n, s) => n + s.sealed, 0)).toBe(50);
    const rows = await chainRows();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash));
    expect(await verifyChain(db)).toEqual({ ok: true, events: 50 });
    // Paging: a page size that does not divide the chain, and one that does.
    expect(await verifyChain(db, { pageSize: 7 })).toEqual({ ok: true, events: 50 });
    expect(await verifyChain(db, { pageSize: 10 })).toEqual({ ok: true, events: 50 });
    // Through a connection string, too.
    expect(await verifyChain(url)).toEqual({ ok: true, events: 50 });
  });

  it('throws when the write fails; sealing refuses to run without the head, and seals nothing', async () => {
    await fill(2);
    await db.pool.query('ALTER TABLE audit_event RENAME TO audit_event_away');
    await expect(writeAudit(db, record(3))).rejects.toThrow(/audit_event/);
    await db.pool.query('ALTER TABLE audit_event_away RENAME TO audit_event');
    await writeAudit(db, record(3));
    await db.pool.query('DELETE FROM audit_head');
    await expect(sealAudit(db)).rejects.toThrow(/audit_head/);
    expect((await chainRows()).map((r) => r.seq)).toEqual([1, 2, null]);
  });

  it('rides on a read: one statement reads and writes the record, or fails and writes nothing', async () => {
    const before = db.stats.statements;
    const read = withAuditInsert('SELECT $1::int + 1 AS n', [41], record(1));
    expect(await db.query(read.sql, read.params)).toEqual([{ n: 42 }]);
    const withCte = withAuditInsert('WITH x AS (SELECT $1::int AS n) SELECT n FROM x', [7], record(2));
    expect(await db.query(withCte.sql, withCte.params)).toEqual([{ n: 7 }]);
    expect(db.stats.statements - before).toBe(2);
    expect(await sealAudit(db)).toEqual({ sealed: 2, headSeq: 2 });
    const failing = withAuditInsert('SELECT 1 / $1::int AS n', [0], record(3));
    await expect(db.query(failing.sql, failing.params)).rejects.toThrow(/division by zero/);
    expect(() => withAuditInsert('SELECT 1', [], record(4, { at: 'yesterday' }))).toThrow();
    expect(await verifyChain(db)).toEqual({ ok: true, events: 2 });
  });

  it('verifyChain counts records waiting to be sealed, and fails once they are overdue', async () => {
    await fill(2);
    await writeAudit(db, record(3, { at: new Date().toISOString() }));
    expect(await verifyChain(db)).toEqual({ ok: true, events: 2, unsealed: 1 });
    const overdue = await verifyChain(db, { unsealedGraceMs: 0 });
    expect(overdue).toMatchObject({ ok: false, firstBadSeq: 3, unsealed: 1 });
    expect(overdue.problem).toMatch(/never sealed/);
  });

  it('an empty chain verifies', async () => {
    expect(await verifyChain(db)).toEqual({ ok: true, events: 0 });
  });
});

describe('verifyChain detects tampering', () => {
  beforeEach(async () => {
    await reset();
    await fill(10);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  const tampered = async (firstBadSeq: number) => {
    const v = await verifyChain(db);
    expect(v.ok).toBe(false);
    expect(v.firstBadSeq).toBe(firstBadSeq);
    expect(v.problem).toEqual(expect.any(String));
    return v;
  };

  it('an altered entries column in a middle row', async () => {
    await db.pool.query(`UPDATE audit_event SET entries = jsonb_set(entries, '{1,decision}', '"PERMIT"') WHERE seq = 5`);
    expect((await tampered(5)).problem).toMatch(/hash/);
  });

  it('an altered row whose hash was recomputed too: the next link breaks', async () => {
    await db.pool.query(`UPDATE audit_event SET entries = jsonb_set(entries, '{1,decision}', '"PERMIT"') WHERE seq = 5`);
    const [row] = await db.query<{
      prev_hash: string;
      entries: any;
      at: Date;
      request_id: string;
      actor_sub: string;
      actor_org: string;
      actor_roles: string[];
      purpose: string;
    }>('SELECT * FROM audit_event WHERE seq = 5');
    const naive = chainHash(
      row.prev_hash,
      5,
      canonicalPayload({
        at: row.at.toISOString(),
        requestId: row.request_id,
        actor: { sub: row.actor_sub, org: row.actor_org, roles: row.actor_roles },
        purpose: row.purpose,
        entries: row.entries,
      }),
    );
    await db.pool.query('UPDATE audit_event SET hash = $1 WHERE seq = 5', [naive]);
    expect((await tampered(6)).problem).toMatch(/prev_hash/);
  });

  it('a deleted middle row', async () => {
    await db.pool.query('DELETE FROM audit_event WHERE seq = 5');
    expect((await tampered(5)).problem).toMatch(/missing/);
  });

  it('a deleted last row', async () => {
    await db.pool.query('DELETE FROM audit_event WHERE seq = 10');
    expect((await tampered(10)).problem).toMatch(/audit_head/);
  });

  it('a forged row appended with a correctly computed hash', async () => {
    const [last] = await db.query<{ hash: string }>('SELECT hash FROM audit_event WHERE seq = 10');
    const forged = normalizeAuditRecord(record(11));
    const hash = chainHash(last.hash, 11, canonicalPayload(forged));
    await db.pool.query(
      `INSERT INTO audit_event (seq, at, request_id, actor_sub, actor_org, actor_roles, purpose, child_ids, break_glass, entries, prev_hash, hash)
       VALUES (11, $1, $2, $3, $4, $5, $6, $7, false, $8, $9, $10)`,
      [
        forged.at,
        forged.requestId,
        forged.actor.sub,
        forged.actor.org,
        forged.actor.roles,
        forged.purpose,
        [CHILD_A, CHILD_B],
        JSON.stringify(forged.entries),
        last.hash,
        hash,
      ],
    );
    expect((await tampered(11)).problem).toMatch(/audit_head/);
  });

  it('a child removed from child_ids to hide the event from their trail', async () => {
    await db.pool.query(`UPDATE audit_event SET child_ids = ARRAY['${CHILD_B}']::uuid[] WHERE seq = 3`);
    expect((await tampered(3)).problem).toMatch(/child_ids/);
  });

  it('a timestamp moved by one microsecond', async () => {
    await db.pool.query(`UPDATE audit_event SET at = at + interval '1 microsecond' WHERE seq = 4`);
    await tampered(4);
  });

  it('an extra key slipped into an entry', async () => {
    await db.pool.query(`UPDATE audit_event SET entries = jsonb_set(entries, '{0,name}', '"Alice"') WHERE seq = 2`);
    await tampered(2);
  });
});

describe('reading the trail', () => {
  beforeAll(async () => {
    await reset();
    await writeAudit(db, record(1));
    await writeAudit(db, record(2, { entries: [auditEntry(CHILD_B, 'HEALTH', { effect: 'DENY', reason: 'NO_RELATIONSHIP' })] }));
    await writeAudit(
      db,
      record(3, {
        entries: [auditEntry(CHILD_A.toUpperCase(), 'SAFEGUARDING', { effect: 'PERMIT', basis: 'BREAK_GLASS', breakGlassId: 'bg-1' })],
      }),
    );
    await sealAudit(db);
  });

  it('readAuditTrail returns only the events and entries of one child, in one statement', async () => {
    const before = db.stats.statements;
    const trail = await readAuditTrail(db, CHILD_A);
    expect(db.stats.statements - before).toBe(1);
    expect(trail.map((e) => e.seq)).toEqual([1, 3]);
    for (const e of trail) {
      expect(e.childIds).toEqual([CHILD_A]);
      expect(e.entries.length).toBeGreaterThan(0);
      expect(e.entries.every((x) => x.childId === CHILD_A)).toBe(true);
    }
    expect(trail[0].entries.map((x) => x.category)).toEqual(['EDUCATION', 'HEALTH']);
    expect(trail[0]).toMatchObject({
      at: '2025-01-01T09:00:00.001Z',
      requestId: 'req-1',
      actor: { sub: 'user-1', org: 'LA123', roles: ['ehc_coordinator'] },
    });
    expect((await readAuditTrail(db, CHILD_B)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await readAuditTrail(db, randomUUID())).toEqual([]);
  });

  it('readBreakGlassEvents returns break-glass events only', async () => {
    const events = await readBreakGlassEvents(db);
    expect(events.map((e) => e.seq)).toEqual([3]);
    expect(events[0].entries[0]).toEqual({
      childId: CHILD_A,
      category: 'SAFEGUARDING',
      decision: 'PERMIT',
      basis: 'BREAK_GLASS',
      breakGlassId: 'bg-1',
    });
    expect(await readBreakGlassEvents(db, { since: '2025-01-01T09:00:00.004Z' })).toEqual([]);
    expect(await readBreakGlassEvents(db, { afterSeq: 3 })).toEqual([]);
    expect(await verifyChain(db)).toEqual({ ok: true, events: 3 });
  });
});

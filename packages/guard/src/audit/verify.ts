// Re-walks a database's audit chain and says whether it is intact. Detects an altered row (its
// hash no longer matches), an altered hash (the next event's prev_hash no longer matches), a
// deleted row (a gap in seq), a deleted last row or a forged row appended (audit_head no longer
// points at the last event). What a hash chain cannot detect is an attacker with write access who
// rewrites the chain AND audit_head consistently: publish audit_head's hash elsewhere to catch that.
// Records not yet sealed (seal.ts) are counted, and reported as a problem once they are overdue.
import { createDb, type Db } from '@hub/runtime/db';
import { GENESIS_HASH } from './tables';
import { canonicalPayload, chainHash } from './chain';
import { EVENT_COLUMNS, rowToEvent, type EventDbRow } from './writer';

export interface VerifyResult {
  ok: boolean;
  /** Events read (all of them, even after a problem is found). */
  events: number;
  /** The first seq at which the chain is broken. */
  firstBadSeq?: number;
  problem?: string;
  /** Records written but not yet sealed into the chain (normal for a moment after a request). */
  unsealed?: number;
}

export interface VerifyOptions {
  /** Events read per statement (default 10,000): memory stays bounded whatever the chain's length. */
  pageSize?: number;
  /** How long a record may stay unsealed before that counts as a problem (default 60 s): the
   *  sealer runs every half second, so an older unsealed record means sealing has stopped. */
  unsealedGraceMs?: number;
}

function sameSet(a: unknown, b: string[]): boolean {
  if (!Array.isArray(a)) return false;
  const x = [...new Set(a.map(String))].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Verifies the chain in a database, given as a Db or a connection string. */
export async function verifyChain(target: Db | string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 10_000;
  const db = typeof target === 'string' ? createDb(target, { max: 1 }) : target;
  try {
    // One snapshot for every page and the head, so writers appending meanwhile change nothing.
    return await db.transaction(async (q) => {
      await q('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      let events = 0;
      let bad: { seq: number; problem: string } | undefined;
      const fail = (seq: number, problem: string) => {
        if (!bad) bad = { seq, problem };
      };
      let cursor: string | null = null;
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let lastSeq = 0;
      for (;;) {
        const rows: EventDbRow[] =
          cursor === null
            ? await q(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE seq IS NOT NULL ORDER BY seq LIMIT $1`, [pageSize])
            : await q(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE seq > $1::bigint ORDER BY seq LIMIT $2`, [cursor, pageSize]);
        for (const row of rows) {
          events++;
          const ev = rowToEvent(row);
          const seq = ev.seq;
          if (seq > expectedSeq) fail(expectedSeq, `event ${expectedSeq} is missing (the next event is ${row.seq_text})`);
          else if (seq < expectedSeq) fail(seq, `unexpected event ${row.seq_text} (expected ${expectedSeq})`);
          if (ev.prevHash !== prevHash) {
            fail(
              seq,
              seq === 1
                ? 'prev_hash of the first event is not the genesis hash'
                : `prev_hash does not match the hash of the event before it`,
            );
          }
          let payload: string | undefined;
          try {
            payload = canonicalPayload(ev);
          } catch {
            fail(seq, 'the event cannot be read back into a record');
          }
          const entries: unknown[] = Array.isArray(ev.entries) ? ev.entries : [];
          const childIds = entries.map((e) => (e && typeof e === 'object' ? String((e as any).childId).toLowerCase() : ''));
          if (!sameSet(ev.childIds, childIds)) fail(seq, 'child_ids do not match the entries');
          if (ev.breakGlass !== entries.some((e) => !!e && typeof e === 'object' && (e as any).basis === 'BREAK_GLASS')) {
            fail(seq, 'break_glass does not match the entries');
          }
          if (payload !== undefined && chainHash(ev.prevHash, seq, payload) !== ev.hash) fail(seq, 'hash does not match the event content');
          prevHash = ev.hash;
          expectedSeq = seq + 1;
          lastSeq = seq;
          cursor = row.seq_text;
        }
        if (rows.length < pageSize) break;
      }
      const head = await q<{ seq_text: string; hash: string }>('SELECT seq::text AS seq_text, hash FROM audit_head');
      if (head.length !== 1) {
        fail(lastSeq + 1, 'audit_head has no row');
      } else {
        const headSeq = Number(head[0].seq_text);
        if (headSeq > lastSeq)
          fail(lastSeq + 1, `audit_head is at seq ${headSeq} but the last event is ${lastSeq}: events were deleted from the end`);
        else if (headSeq < lastSeq)
          fail(headSeq + 1, `events after audit_head (seq ${headSeq}) were not written by the hub: the last event is ${lastSeq}`);
        else if (head[0].hash !== (lastSeq === 0 ? GENESIS_HASH : prevHash)) fail(lastSeq, 'audit_head hash does not match the last event');
      }
      const grace = opts.unsealedGraceMs ?? 60_000;
      const [pending] = await q<{ n: number; stale: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE at < now() - make_interval(secs => $1::float8 / 1000))::int AS stale
           FROM audit_event WHERE seq IS NULL`,
        [grace],
      );
      if (pending.stale > 0) fail(lastSeq + 1, `${pending.stale} events were written but never sealed into the chain`);
      const result: VerifyResult = { ok: !bad, events };
      if (pending.n > 0) result.unsealed = pending.n;
      if (bad) {
        result.firstBadSeq = bad.seq;
        result.problem = bad.problem;
      }
      return result;
    });
  } finally {
    if (typeof target === 'string') await db.close();
  }
}

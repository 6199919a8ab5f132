// Links unsealed audit records into the hash chain, in insert order. Records are inserted in the
// same statement as the read they account for (writer.ts), so a request never waits for the chain;
// the sealer chains them moments later. Any number of processes may seal the same database: the
// head row's lock makes one of them do each batch, and a record is sealed exactly once.
//
// Window: a record that is written but not yet sealed could be deleted without the chain showing
// it. The sealer runs every SEAL_INTERVAL_MS and on shutdown, and verifyChain reports any record
// left unsealed for longer than it should be, so the window is that interval, not forever.
import type { Db } from '@hub/runtime/db';
import { canonicalPayload, chainHash } from './chain';
import { EVENT_COLUMNS, rowToEvent, type EventDbRow } from './writer';

export const SEAL_INTERVAL_MS = 500;

export interface SealResult {
  sealed: number;
  headSeq: number;
}

/** Seals every record unsealed when it starts, in batches. Returns how many it sealed. */
export async function sealAudit(db: Db, opts: { batch?: number } = {}): Promise<SealResult> {
  const batch = opts.batch ?? 2000;
  let sealed = 0;
  let headSeq = 0;
  for (;;) {
    const n = await db.transaction(async (q) => {
      const head = await q<{ seq_text: string; hash: string }>('SELECT seq::text AS seq_text, hash FROM audit_head FOR UPDATE');
      if (head.length !== 1) throw new Error('audit_head has no row (were the audit tables migrated?)');
      let seq = Number(head[0].seq_text);
      let prev = head[0].hash;
      const rows = await q<EventDbRow>(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE seq IS NULL ORDER BY id LIMIT $1`, [batch]);
      headSeq = seq;
      if (rows.length === 0) return 0;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq++;
        const hash = chainHash(prev, seq, canonicalPayload(rowToEvent(row)));
        ids.push(String(row.id));
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await q(
        `UPDATE audit_event e SET seq = v.seq, prev_hash = v.prev, hash = v.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
          WHERE e.id = v.id`,
        [ids, seqs, prevs, hashes],
      );
      await q('UPDATE audit_head SET seq = $1, prev_hash = hash, hash = $2', [seq, prev]);
      headSeq = seq;
      return rows.length;
    });
    sealed += n;
    if (n < batch) return { sealed, headSeq };
  }
}

/** Seals in the background every intervalMs until stopped; stop() seals what is left. */
export function startSealer(db: Db, intervalMs = SEAL_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    // A failed batch (database away) is retried on the next tick; nothing is lost meanwhile.
    running = running.then(() => sealAudit(db)).catch(() => undefined);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      tick();
      await running;
    },
  };
}

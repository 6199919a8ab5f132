// Delivers queued peer messages: right after a commit (kick) and then on a timer, retrying with
// back-off until the peer acknowledges (answers without errors). Delivery is at least once; the
// receivers are idempotent by message key, so a message delivered twice changes nothing the
// second time. One deliverer per subgraph process; it never sends two batches at once.
import type { SubgraphName } from '@hub/schema';
import type { Db } from '@hub/runtime/db';
import { PeerError, type PeerClient } from '../peers';
import type { Logger } from '@hub/runtime/log';

export interface OutboxOptions {
  /** How often pending messages are looked for (ms). Default 1000. */
  pollMs?: number;
  /** First retry delay (ms); doubles per attempt up to maxBackoffMs. Default 1000. */
  backoffMs?: number;
  /** Default 5000: a peer that was down is retried at least every few seconds. */
  maxBackoffMs?: number;
  /** Messages per round. Default 50. */
  batch?: number;
}

export interface OutboxDeliverer {
  /** Delivers what is pending now (call after a transaction that enqueued something commits). */
  kick(): void;
  /** One delivery round; resolves with the number delivered (tests, and kick). */
  deliverPending(): Promise<number>;
  stop(): Promise<void>;
}

interface Row {
  id: number;
  message_key: string;
  destination: SubgraphName;
  operation: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export function startOutbox(db: Db, peers: PeerClient, log: Pick<Logger, 'warn'>, opts: OutboxOptions = {}): OutboxDeliverer {
  const pollMs = opts.pollMs ?? 1000;
  const backoffMs = opts.backoffMs ?? 1000;
  const maxBackoffMs = opts.maxBackoffMs ?? 5000;
  const batch = opts.batch ?? 50;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function round(): Promise<number> {
    const rows = await db.query<Row>(
      `SELECT id, message_key, destination, operation, payload, attempts FROM outbox
       WHERE delivered_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT $1`,
      [batch],
    );
    let delivered = 0;
    for (const m of rows) {
      if (stopped) break;
      try {
        await peers.request(m.destination, m.operation, { ...m.payload, messageKey: m.message_key });
        await db.query('UPDATE outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [m.id]);
        delivered++;
      } catch (e) {
        const reason =
          e instanceof PeerError
            ? e.codes.length
              ? `answered ${[...new Set(e.codes)].join(',')}`
              : 'unreachable or no GraphQL answer'
            : 'send failed';
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(m.attempts, 16));
        await db
          .query(
            'UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3 / 1000.0) WHERE id = $1',
            [m.id, reason, delay],
          )
          .catch(() => undefined);
        log.warn(
          { destination: m.destination, messageId: m.id, attempts: m.attempts + 1, reason },
          'peer message not delivered; will retry',
        );
      }
    }
    return delivered;
  }

  function deliverPending(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await round();
        } while (again && !stopped);
      } catch {
        // The database may be briefly unavailable; the timer tries again.
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  const timer = setInterval(() => void deliverPending(), pollMs);
  timer.unref();
  return {
    kick: () => void deliverPending(),
    deliverPending,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}

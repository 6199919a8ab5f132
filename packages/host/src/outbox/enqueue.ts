import type { SubgraphName } from '@hub/schema';
import type { Db } from '@hub/runtime/db';

/**
 * Queues a message to a peer inside the caller's transaction (`q` is the transaction's query
 * function). `operation` is the GraphQL document the peer runs with `payload` as its variables;
 * `key` names the message for the receiver's de-duplication. Returns false when a message with
 * that key was already queued.
 */
export async function enqueue(
  q: Db['query'],
  destination: SubgraphName,
  operation: string,
  payload: Record<string, unknown>,
  key: string,
): Promise<boolean> {
  const rows = await q(
    'INSERT INTO outbox (message_key, destination, operation, payload) VALUES ($1, $2, $3, $4) ON CONFLICT (message_key) DO NOTHING RETURNING id',
    [key, destination, operation, JSON.stringify(payload)],
  );
  return rows.length > 0;
}

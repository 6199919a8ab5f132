// The outbox table every subgraph that sends peer messages adds in a migration. A message is written
// in the same transaction as the change it announces, so a committed change is never without its
// message and a rolled-back one never has one.
export function outboxTablesSql(): string {
  return `
  CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    -- The receiver de-duplicates by this key; enqueueing the same key twice keeps the first.
    message_key text NOT NULL UNIQUE,
    destination text NOT NULL,
    operation text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    -- A reason code, never a payload value (payloads may hold personal data).
    last_error text
  );
  CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;`;
}

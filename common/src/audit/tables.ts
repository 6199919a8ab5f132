// The audit trail's tables, created by each subgraph in its OWN database (use the SQL in a
// sqlMigration). audit_event is an append-only, hash-chained log; audit_head is a one-row pointer
// to the end of the chain, whose row lock serialises writers (see writer.ts) and whose seq/hash let
// verifyChain notice events deleted from, or forged onto, the end of the chain.
//
// Production deploys should grant the service role only INSERT and SELECT on audit_event (and
// SELECT, UPDATE on audit_head), with the tables owned by a separate migration role: a REVOKE here
// would be pointless, because the role that runs migrations owns the tables and owners keep every
// privilege. The hash chain makes tampering evident; those grants make it harder.

/** prev_hash of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export function auditTablesSql(): string {
  return `
CREATE TABLE audit_event (
  seq         bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  request_id  text NOT NULL,
  actor_sub   text NOT NULL,
  actor_org   text NOT NULL,
  actor_roles text[] NOT NULL,
  purpose     text NOT NULL,
  child_ids   uuid[] NOT NULL,
  break_glass boolean NOT NULL,
  entries     jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_event_child_ids ON audit_event USING gin (child_ids);
CREATE INDEX audit_event_break_glass ON audit_event (break_glass) WHERE break_glass;

-- One row (id is always true). prev_hash only carries the old hash out of writeAudit's UPDATE
-- (SET sees the old row, RETURNING the new one); it is NULL before the first event.
CREATE TABLE audit_head (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq       bigint NOT NULL,
  hash      text NOT NULL,
  prev_hash text
);
INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, '${GENESIS_HASH}');
`;
}

/** The migration's down step. */
export function auditTablesDownSql(): string {
  return `
DROP TABLE IF EXISTS audit_head;
DROP TABLE IF EXISTS audit_event;
`;
}

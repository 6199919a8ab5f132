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

/**
 * Sealing (migration 1764100000000): a request's audit record is inserted unchained, in the same
 * statement as the read it accounts for, and a sealer links records into the chain moments later
 * (seal.ts). So appending no longer serialises every request on audit_head's row lock. Until it is
 * sealed a record has no seq, prev_hash or hash; `id` orders inserts.
 */
export function auditSealingSql(): string {
  return `
ALTER TABLE audit_event ADD COLUMN id bigint;
UPDATE audit_event SET id = seq;
CREATE SEQUENCE audit_event_id_seq OWNED BY audit_event.id;
SELECT setval('audit_event_id_seq', coalesce((SELECT max(seq) FROM audit_event), 0) + 1, false);
ALTER TABLE audit_event ALTER COLUMN id SET DEFAULT nextval('audit_event_id_seq'), ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event ADD PRIMARY KEY (id);
ALTER TABLE audit_event ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);
CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE seq IS NULL;
`;
}

export function auditSealingDownSql(): string {
  return `
DELETE FROM audit_event WHERE seq IS NULL;
DROP INDEX audit_event_unsealed;
DROP INDEX audit_event_seq;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event DROP COLUMN id;
ALTER TABLE audit_event ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
ALTER TABLE audit_event ADD PRIMARY KEY (seq);
`;
}

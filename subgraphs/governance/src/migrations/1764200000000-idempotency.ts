import { sqlMigration } from '@hub/runtime/migrate';

// A client's idempotency key makes a retried write safe: the second attempt finds the first.
// Keys are the client's own, so they are unique per recording user; NULL (no key) never conflicts.
export const Idempotency = sqlMigration(
  'Idempotency1764200000000',
  `
  ALTER TABLE consent ADD COLUMN idempotency_key text;
  CREATE UNIQUE INDEX consent_idempotency ON consent (recorded_by, idempotency_key);
  `,
  `DROP INDEX consent_idempotency; ALTER TABLE consent DROP COLUMN idempotency_key;`,
);

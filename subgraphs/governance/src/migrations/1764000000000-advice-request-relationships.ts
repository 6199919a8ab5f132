import { sqlMigration } from '@hub/runtime/migrate';

// A request for advice reaches governance as a peer message from education; its key makes the
// grant idempotent (a message delivered twice grants once).
export const AdviceRequestRelationships = sqlMigration(
  'AdviceRequestRelationships1764000000000',
  `ALTER TABLE relationship ADD COLUMN source_key text UNIQUE;`,
  `ALTER TABLE relationship DROP COLUMN source_key;`,
);

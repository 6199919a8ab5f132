import { INGEST_SUBMISSION_TABLE_SQL, sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// SEN support records fed by a school's MIS as the CTF / school census SEN entries (ingest/ctf):
// which system and submission last wrote each, its key in that system, and when the source stopped
// sending it (closed, not deleted). The submission table may already exist (education's SEN2
// ingestion makes the same one), hence IF NOT EXISTS, and the down step leaves it.
// A fed record has the ranked needs the file gave (source_needs, to see what changed) and no review
// date: the CTF carries none, so its review timeliness is NOT_APPLICABLE until a review is recorded.
export const CtfSenSupport = sqlMigration(
  'CtfSenSupport1764700000000',
  `
  ${INGEST_SUBMISSION_TABLE_SQL.replace('CREATE TABLE ingest_submission', 'CREATE TABLE IF NOT EXISTS ingest_submission')}
  ${sourced('sen_support')}
  ALTER TABLE sen_support ADD COLUMN source_needs text;
  ALTER TABLE sen_support ALTER COLUMN next_review_on DROP NOT NULL;
  ALTER TABLE sen_support ADD CONSTRAINT sen_support_review_date CHECK (next_review_on IS NOT NULL OR source_id IS NOT NULL);
  DROP INDEX sen_support_one_open;
  CREATE UNIQUE INDEX sen_support_one_open ON sen_support (child_id) WHERE end_on IS NULL AND closed_at IS NULL;
  `,
  `DROP INDEX sen_support_one_open; CREATE UNIQUE INDEX sen_support_one_open ON sen_support (child_id) WHERE end_on IS NULL;
   ALTER TABLE sen_support DROP CONSTRAINT sen_support_review_date; ALTER TABLE sen_support ALTER COLUMN next_review_on SET NOT NULL;
   ALTER TABLE sen_support DROP COLUMN source_needs, DROP COLUMN source_system, DROP COLUMN source_id, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`,
);

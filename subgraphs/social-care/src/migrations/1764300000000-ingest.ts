import { INGEST_SUBMISSION_TABLE_SQL, sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Records fed by the LA's case management system (ingest/cin): which system and submission last
// wrote each one, its key in that system (so a replayed return updates in place), and when the
// source stopped sending it (closed, not deleted). Rows the seed wrote have no source and are left alone.
export const Ingest = sqlMigration(
  'Ingest1764300000000',
  `
  ${INGEST_SUBMISSION_TABLE_SQL}
  ALTER TABLE social_care_record ADD COLUMN source_system text, ADD COLUMN submission uuid REFERENCES ingest_submission(id), ADD COLUMN source_at timestamptz;
  ${sourced('cin_episode')}
  ${sourced('cp_plan')}
  -- A disability is keyed by its code within the child, so it needs no source id of its own.
  ALTER TABLE disability ADD COLUMN source_system text, ADD COLUMN submission uuid REFERENCES ingest_submission(id),
    ADD COLUMN source_at timestamptz, ADD COLUMN closed_at timestamptz;
  -- "At most one open episode / plan" holds for what is in force: a closed record (one the source
  -- no longer sends) may have been open when it was closed.
  DROP INDEX cin_episode_open;
  CREATE UNIQUE INDEX cin_episode_open ON cin_episode (child_id) WHERE end_date IS NULL AND closed_at IS NULL;
  DROP INDEX cp_plan_open;
  CREATE UNIQUE INDEX cp_plan_open ON cp_plan (child_id) WHERE end_date IS NULL AND closed_at IS NULL;
  `,
  `DROP INDEX cp_plan_open; CREATE UNIQUE INDEX cp_plan_open ON cp_plan (child_id) WHERE end_date IS NULL;
   DROP INDEX cin_episode_open; CREATE UNIQUE INDEX cin_episode_open ON cin_episode (child_id) WHERE end_date IS NULL;
   ALTER TABLE disability DROP COLUMN source_system, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;
   ${['cin_episode', 'cp_plan'].map((t) => `ALTER TABLE ${t} DROP COLUMN source_system, DROP COLUMN source_id, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`).join('\n')}
   ALTER TABLE social_care_record DROP COLUMN source_system, DROP COLUMN submission, DROP COLUMN source_at; DROP TABLE ingest_submission;`,
);

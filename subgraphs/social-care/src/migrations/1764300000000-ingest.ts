import { sqlMigration } from '@hub/common';

// Records fed by the LA's case management system (ingest/cin): which system and submission last
// wrote each one, its key in that system (so a replayed return updates in place), and when the
// source stopped sending it (closed, not deleted). Rows the seed wrote have no source and are left alone.
const sourced = (table: string) => `
  ALTER TABLE ${table} ADD COLUMN source_system text, ADD COLUMN source_id text, ADD COLUMN submission uuid REFERENCES ingest_submission(id),
    ADD COLUMN source_at timestamptz, ADD COLUMN closed_at timestamptz;
  CREATE UNIQUE INDEX ${table}_source ON ${table} (source_system, source_id) WHERE source_id IS NOT NULL;
  CREATE INDEX ${table}_source_child ON ${table} (child_id, source_system) WHERE source_id IS NOT NULL;`;

export const Ingest = sqlMigration(
  'Ingest1764300000000',
  `
  CREATE TABLE ingest_submission (
    id uuid PRIMARY KEY,
    source_system text NOT NULL,
    submission_id text NOT NULL,
    content_hash char(64) NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    summary jsonb NOT NULL,
    UNIQUE (source_system, content_hash)
  );
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

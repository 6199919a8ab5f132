import { INGEST_SUBMISSION_TABLE_SQL, sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Records fed by a source system (ingest/fhir): which system and submission last wrote each one,
// its id in that system (so a replayed Bundle updates in place), and when the source stopped
// sending it (closed, not deleted). Rows the seed wrote have no source and are left alone.
export const Ingest = sqlMigration(
  'Ingest1764300000000',
  `
  ${INGEST_SUBMISSION_TABLE_SQL}
  ALTER TABLE health_record ADD COLUMN source_system text, ADD COLUMN submission uuid REFERENCES ingest_submission(id), ADD COLUMN source_at timestamptz;
  ${sourced('diagnosis')}
  ${sourced('referral')}
  ${sourced('therapy_episode')}
  -- The professional the source system names as the episode's care manager: the hub asks
  -- governance for an ALLOCATION from it (relationships come from the source system).
  ALTER TABLE therapy_episode ADD COLUMN care_manager text;
  CREATE TABLE source_allocation (
    source_system text NOT NULL,
    episode_source_id text NOT NULL,
    user_sub text NOT NULL,
    child_id uuid NOT NULL,
    relationship_id text NOT NULL,
    allocated_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    PRIMARY KEY (source_system, episode_source_id, user_sub)
  );
  `,
  `DROP TABLE source_allocation; ALTER TABLE therapy_episode DROP COLUMN care_manager;
   ${['diagnosis', 'referral', 'therapy_episode'].map((t) => `ALTER TABLE ${t} DROP COLUMN source_system, DROP COLUMN source_id, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`).join('\n')}
   ALTER TABLE health_record DROP COLUMN source_system, DROP COLUMN submission, DROP COLUMN source_at; DROP TABLE ingest_submission;`,
);

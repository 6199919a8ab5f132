import { sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Looked-after periods fed by the LA's SSDA903 extract (ingest/ssda903): which system and submission
// last wrote each, its key in that system, and when the source stopped sending it (closed, not
// deleted). "One open period per child" holds for what is in force, as for CIN episodes.
export const Ssda903 = sqlMigration(
  'Ssda9031764500000000',
  `
  ${sourced('cla_period')}
  DROP INDEX cla_period_open;
  CREATE UNIQUE INDEX cla_period_open ON cla_period (child_id) WHERE end_date IS NULL AND closed_at IS NULL;
  `,
  `DROP INDEX cla_period_open; CREATE UNIQUE INDEX cla_period_open ON cla_period (child_id) WHERE end_date IS NULL;
   ALTER TABLE cla_period DROP COLUMN source_system, DROP COLUMN source_id, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`,
);

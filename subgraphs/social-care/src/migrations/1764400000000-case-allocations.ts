import { sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Case allocations as the LA's case system sends them with its CIN census return (ingest/allocations):
// which worker holds which child's case, from when. Each row carries the governance relationship
// it produced, so the hub asks for an ALLOCATION once and ends it once the source stops sending it.
export const CaseAllocations = sqlMigration(
  'CaseAllocations1764400000000',
  `
  CREATE TABLE case_allocation (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    user_sub text NOT NULL,
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date)
  );
  ${sourced('case_allocation')}
  -- The relationship governance made for this row, and when the hub ended it (source stopped sending it, or it ended).
  ALTER TABLE case_allocation ADD COLUMN relationship_id text, ADD COLUMN relationship_ended_at timestamptz;
  `,
  `DROP TABLE case_allocation;`,
);

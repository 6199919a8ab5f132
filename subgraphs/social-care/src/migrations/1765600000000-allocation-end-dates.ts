import { sqlMigration } from '@hub/runtime/migrate';

// The end date governance holds for each case allocation's relationship: when the source later moves
// the allocation's end date, the hub carries the new one to the relationship and keeps it here.
export const AllocationEndDates = sqlMigration(
  'AllocationEndDates1765600000000',
  `
  ALTER TABLE case_allocation ADD COLUMN relationship_end_date date;
  UPDATE case_allocation SET relationship_end_date = end_date WHERE relationship_id IS NOT NULL;
  `,
  `ALTER TABLE case_allocation DROP COLUMN relationship_end_date;`,
);

import { sqlMigration } from '@hub/runtime/migrate';

// The end date governance holds for each care manager's relationship from an EpisodeOfCare: when a
// later Bundle moves the episode's end date, the hub carries the new one to the relationship and
// keeps it here (as social care's case allocations do).
export const SourceAllocationEndDates = sqlMigration(
  'SourceAllocationEndDates1765800000000',
  `
  ALTER TABLE source_allocation ADD COLUMN relationship_end_date date;
  UPDATE source_allocation a SET relationship_end_date = e.end_date FROM therapy_episode e
   WHERE a.ended_at IS NULL AND e.source_system = a.source_system AND e.source_id = a.episode_source_id;
  `,
  `ALTER TABLE source_allocation DROP COLUMN relationship_end_date;`,
);

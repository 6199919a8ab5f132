import { sqlMigration } from '@hub/runtime/migrate';

// Attendance and exclusions recorded through the graph (recordAttendance, recordExclusion): who
// recorded each and the client's idempotency key, so a retried write is applied once. Rows from
// the seed or a feed have neither.
export const AttendanceWrites = sqlMigration(
  'AttendanceWrites1764910000000',
  `
  ALTER TABLE attendance_term ADD COLUMN recorded_by text, ADD COLUMN idempotency_key text;
  CREATE UNIQUE INDEX attendance_term_idempotency ON attendance_term (recorded_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
  ALTER TABLE exclusion ADD COLUMN recorded_by text, ADD COLUMN idempotency_key text;
  CREATE UNIQUE INDEX exclusion_idempotency ON exclusion (recorded_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
  `,
  `DROP INDEX exclusion_idempotency, attendance_term_idempotency;
   ALTER TABLE exclusion DROP COLUMN recorded_by, DROP COLUMN idempotency_key;
   ALTER TABLE attendance_term DROP COLUMN recorded_by, DROP COLUMN idempotency_key;`,
);

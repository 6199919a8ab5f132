import { sqlMigration } from '@hub/runtime/migrate';
import { EXCLUSION_KINDS, TERMS } from '@hub/schema';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// Attendance per term and suspensions / permanent exclusions (schema/src/attendance.ts): the
// inclusion indicators. A term is keyed by the day it starts; sessions are half-days.
export const Attendance = sqlMigration(
  'Attendance1764400000000',
  `
  CREATE TABLE attendance_term (
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    term_start date NOT NULL,
    term text NOT NULL CHECK (term IN (${inList(TERMS)})),
    sessions_possible smallint NOT NULL CHECK (sessions_possible BETWEEN 0 AND 400),
    sessions_attended smallint NOT NULL CHECK (sessions_attended >= 0),
    authorised_absence smallint NOT NULL CHECK (authorised_absence >= 0),
    unauthorised_absence smallint NOT NULL CHECK (unauthorised_absence >= 0),
    CHECK (sessions_attended + authorised_absence + unauthorised_absence = sessions_possible),
    PRIMARY KEY (child_id, term_start)
  );
  CREATE INDEX attendance_term_start ON attendance_term (term_start);
  CREATE TABLE exclusion (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    kind text NOT NULL CHECK (kind IN (${inList(EXCLUSION_KINDS)})),
    start_on date NOT NULL,
    -- A suspension's length in sessions (at most 45 school days a year); none for a permanent exclusion.
    sessions smallint CHECK (sessions BETWEEN 1 AND 90),
    CHECK ((kind = 'SUSPENSION') = (sessions IS NOT NULL))
  );
  CREATE INDEX exclusion_child ON exclusion (child_id, start_on);
  `,
  'DROP TABLE exclusion, attendance_term;',
);

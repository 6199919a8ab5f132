import { sqlMigration } from '@hub/runtime/migrate';
import { EXCLUSION_WITHDRAWALS } from '@hub/schema';

// A term's attendance corrected through the graph (correctAttendance): the term's row takes the
// corrected figures, and the figures it had are kept here with who replaced them and when, so an
// acknowledged write is never lost. The client's idempotency key makes a retried correction apply
// once; the figures it asked for are kept to tell a retry from a second use of the key. An exclusion
// withdrawn (withdrawExclusion) stays, marked with when, why and by whom, and is no longer shown or
// counted.
export const AttendanceCorrections = sqlMigration(
  'AttendanceCorrections1766000000000',
  `
  CREATE TABLE attendance_correction (
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    term text NOT NULL,
    replaced_term_start date NOT NULL,
    replaced_sessions_possible smallint NOT NULL,
    replaced_sessions_attended smallint NOT NULL,
    replaced_authorised_absence smallint NOT NULL,
    replaced_unauthorised_absence smallint NOT NULL,
    term_start date NOT NULL,
    sessions_possible smallint NOT NULL,
    sessions_attended smallint NOT NULL,
    authorised_absence smallint NOT NULL,
    unauthorised_absence smallint NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    idempotency_key text NOT NULL,
    UNIQUE (recorded_by, idempotency_key)
  );
  CREATE INDEX attendance_correction_child ON attendance_correction (child_id, term_start);
  ALTER TABLE exclusion ADD COLUMN withdrawn_on date, ADD COLUMN withdrawn_by text,
    ADD COLUMN withdrawal text CHECK (withdrawal IN (${EXCLUSION_WITHDRAWALS.map((w) => `'${w}'`).join(', ')})),
    ADD COLUMN withdrawal_key text,
    ADD CHECK ((withdrawn_on IS NULL) = (withdrawal IS NULL));
  CREATE UNIQUE INDEX exclusion_withdrawal_key ON exclusion (withdrawn_by, withdrawal_key) WHERE withdrawal_key IS NOT NULL;
  `,
  `DROP INDEX exclusion_withdrawal_key;
   ALTER TABLE exclusion DROP COLUMN withdrawn_on, DROP COLUMN withdrawn_by, DROP COLUMN withdrawal, DROP COLUMN withdrawal_key;
   DROP TABLE attendance_correction;`,
);

import { sqlMigration } from '@hub/runtime/migrate';

// An agency's "not to be disclosed to the family" marking (UK GDPR Sch. 3 serious-harm exemption):
// governance holds it beside consents and links because every agency's guard needs it in the
// child's signed access context. Ended, never deleted, so the history of who closed what stays.
// The reason is for the agency and the privacy officer only; it never reaches the family.
export const FamilyWithholding = sqlMigration(
  'FamilyWithholding1765200000000',
  `
  CREATE TABLE family_withholding (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES child(id),
    agency text NOT NULL,
    category text NOT NULL,
    reason text NOT NULL,
    marked_by text NOT NULL,
    marked_org text NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    ended_by text,
    idempotency_key text
  );
  CREATE INDEX family_withholding_child ON family_withholding (child_id) WHERE ended_at IS NULL;
  CREATE UNIQUE INDEX family_withholding_idempotency ON family_withholding (marked_by, idempotency_key);
  ALTER TABLE break_glass ADD COLUMN reason_withheld_from_family boolean NOT NULL DEFAULT false;
  `,
  'DROP TABLE family_withholding; ALTER TABLE break_glass DROP COLUMN reason_withheld_from_family;',
);

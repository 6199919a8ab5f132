import { sqlMigration } from '@hub/runtime/migrate';

// The family's correction requests live with their story: they are the family's words (no agency
// owns them), addressed to one agency about one kind of its records. The agency answers here; its
// own record is changed, if at all, in its own system. Never deleted.
export const CorrectionRequests = sqlMigration(
  'CorrectionRequests1765300000000',
  `
  CREATE TABLE correction_request (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL,
    agency text NOT NULL CHECK (agency IN ('EDUCATION', 'HEALTH', 'SOCIAL_CARE')),
    category text NOT NULL,
    about text,
    what_is_wrong text NOT NULL,
    what_it_should_say text,
    requested_by text NOT NULL,
    requested_as text NOT NULL CHECK (requested_as IN ('PARENT', 'YOUNG_PERSON')),
    requested_at timestamptz NOT NULL DEFAULT now(),
    idempotency_key text,
    status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED')),
    answered_by text,
    answered_org text,
    answered_at timestamptz,
    answer text,
    answer_key text
  );
  CREATE INDEX correction_request_child ON correction_request (child_id, requested_at DESC);
  CREATE UNIQUE INDEX correction_request_idempotency ON correction_request (requested_by, idempotency_key);
  `,
  'DROP TABLE correction_request;',
);

import { sqlMigration } from '@hub/runtime/migrate';

// The family's place in governance: who is linked to which child (a parent or carer, or the young
// person), made by a professional who works with the child or by redeeming a one-time invitation.
// Invitation codes are stored only as SHA-256 hashes; failed redemptions are counted per user (and
// per code, for a real code redeemed by the wrong kind of family member) so guessing is rate-limited.
export const FamilyLinks = sqlMigration(
  'FamilyLinks1765000000000',
  `
  CREATE TABLE family_link (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES child(id),
    user_sub text NOT NULL,
    relation text NOT NULL CHECK (relation IN ('PARENT', 'YOUNG_PERSON')),
    young_person_lacks_capacity boolean NOT NULL DEFAULT false,
    start_date date NOT NULL,
    end_date date,
    created_by text NOT NULL,
    created_as text NOT NULL CHECK (created_as IN ('PROFESSIONAL', 'INVITATION')),
    created_at timestamptz NOT NULL DEFAULT now(),
    idempotency_key text
  );
  CREATE INDEX family_link_child ON family_link (child_id);
  CREATE INDEX family_link_user ON family_link (user_sub);
  CREATE UNIQUE INDEX family_link_idempotency ON family_link (created_by, idempotency_key);
  CREATE TABLE family_invitation (
    code_hash text PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    child_id uuid NOT NULL REFERENCES child(id),
    relation text NOT NULL CHECK (relation IN ('PARENT', 'YOUNG_PERSON')),
    young_person_lacks_capacity boolean NOT NULL DEFAULT false,
    created_by text NOT NULL,
    created_org text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    redeemed_at timestamptz,
    redeemed_by text,
    failed_attempts int NOT NULL DEFAULT 0
  );
  CREATE TABLE family_redeem_failure (
    user_sub text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX family_redeem_failure_user ON family_redeem_failure (user_sub, at);
  `,
  'DROP TABLE family_redeem_failure, family_invitation, family_link;',
);

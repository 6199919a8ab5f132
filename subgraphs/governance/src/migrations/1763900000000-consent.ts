import { sqlMigration } from '@hub/runtime/migrate';

// Consents are never updated or deleted: withdrawal is a row of its own, so history is kept.
export const Consent = sqlMigration(
  'Consent1763900000000',
  `
  ALTER TABLE child ADD COLUMN date_of_birth date;
  CREATE TABLE consent (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES child(id),
    decider text NOT NULL CHECK (decider IN ('PARENT', 'YOUNG_PERSON', 'GILLICK_COMPETENT_CHILD', 'DEPUTY')),
    young_person_lacks_capacity boolean NOT NULL DEFAULT false,
    given_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    recorded_org text NOT NULL,
    provisions jsonb NOT NULL
  );
  CREATE INDEX consent_child ON consent (child_id);
  CREATE TABLE consent_withdrawal (
    consent_id uuid PRIMARY KEY REFERENCES consent(id),
    withdrawn_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    recorded_org text NOT NULL
  );
  -- Legitimate relationships (need-to-know): allocations of a professional, requests for advice.
  CREATE TABLE relationship (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES child(id),
    kind text NOT NULL CHECK (kind IN ('ALLOCATION', 'ADVICE_REQUEST')),
    agency text NOT NULL CHECK (agency IN ('EDUCATION', 'HEALTH', 'SOCIAL_CARE')),
    org text NOT NULL,
    user_sub text,
    start_date date NOT NULL,
    end_date date,
    CHECK (kind <> 'ALLOCATION' OR user_sub IS NOT NULL)
  );
  CREATE INDEX relationship_child ON relationship (child_id);
  CREATE TABLE break_glass (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES child(id),
    user_sub text NOT NULL,
    user_org text NOT NULL,
    user_roles text[] NOT NULL,
    reason text NOT NULL,
    started_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > started_at),
    reviewed_at timestamptz,
    reviewed_by text,
    review_outcome text
  );
  CREATE INDEX break_glass_child ON break_glass (child_id);
  CREATE INDEX break_glass_pending ON break_glass (started_at) WHERE reviewed_at IS NULL;
  `,
  `DROP TABLE break_glass, relationship, consent_withdrawal, consent; ALTER TABLE child DROP COLUMN date_of_birth;`,
);

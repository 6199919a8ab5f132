import { auditSealingSql, auditTablesSql } from '@hub/guard/audit/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Governance audits its own records like every agency, in its own hash chain (audit_event).
export const GovernanceAudit = sqlMigration(
  'GovernanceAudit1764900000000',
  `${auditTablesSql()}\n${auditSealingSql()}`,
  'DROP TABLE audit_event, audit_head;',
);

// Where relationships come from (docs/consent.md): the agency's source system, a team manager of
// the same agency and organisation, or a professional's self-claim with a reason, time-limited and
// raised for a privacy officer's review. Each is known by a random id, says who created it and how,
// and a retried creation (same user, same idempotency key) is applied once. Consents record how
// the family gave them; break glass takes an idempotency key too.
export const NeedToKnow = sqlMigration(
  'NeedToKnow1764900000001',
  `
  ALTER TABLE relationship
    ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN created_by text,
    ADD COLUMN created_org text,
    ADD COLUMN created_as text CHECK (created_as IN ('SOURCE_SYSTEM', 'TEAM_MANAGER', 'SELF_CLAIM', 'ADVICE_REQUEST')),
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN reason text,
    ADD COLUMN ended_by text,
    ADD COLUMN ended_at timestamptz,
    ADD COLUMN reviewed_at timestamptz,
    ADD COLUMN reviewed_by text,
    ADD COLUMN review_outcome text,
    ADD COLUMN idempotency_key text;
  CREATE UNIQUE INDEX relationship_public_id ON relationship (public_id);
  CREATE UNIQUE INDEX relationship_idempotency ON relationship (created_by, idempotency_key);
  CREATE INDEX relationship_claims_pending ON relationship (created_at) WHERE kind = 'SELF_CLAIM' AND reviewed_at IS NULL;
  ALTER TABLE relationship DROP CONSTRAINT relationship_kind_check;
  ALTER TABLE relationship ADD CONSTRAINT relationship_kind_check CHECK (kind IN ('ALLOCATION', 'ADVICE_REQUEST', 'SELF_CLAIM'));
  ALTER TABLE relationship ADD CONSTRAINT relationship_person_check CHECK (kind = 'ADVICE_REQUEST' OR user_sub IS NOT NULL);
  ALTER TABLE relationship ADD CONSTRAINT relationship_claim_check CHECK (kind <> 'SELF_CLAIM' OR (reason IS NOT NULL AND end_date IS NOT NULL));
  UPDATE relationship SET created_as = CASE kind WHEN 'ADVICE_REQUEST' THEN 'ADVICE_REQUEST' ELSE 'SOURCE_SYSTEM' END;

  ALTER TABLE consent ADD COLUMN method text CHECK (method IN ('SIGNED_FORM', 'VERBAL', 'PORTAL', 'ELECTRONIC_FORM'));

  ALTER TABLE break_glass ADD COLUMN idempotency_key text;
  CREATE UNIQUE INDEX break_glass_idempotency ON break_glass (user_sub, idempotency_key);
  `,
  `
  DROP INDEX break_glass_idempotency; ALTER TABLE break_glass DROP COLUMN idempotency_key;
  ALTER TABLE consent DROP COLUMN method;
  DELETE FROM relationship WHERE kind = 'SELF_CLAIM';
  ALTER TABLE relationship DROP CONSTRAINT relationship_claim_check, DROP CONSTRAINT relationship_person_check, DROP CONSTRAINT relationship_kind_check;
  ALTER TABLE relationship ADD CONSTRAINT relationship_kind_check CHECK (kind IN ('ALLOCATION', 'ADVICE_REQUEST'));
  ALTER TABLE relationship DROP COLUMN public_id, DROP COLUMN created_by, DROP COLUMN created_org, DROP COLUMN created_as,
    DROP COLUMN created_at, DROP COLUMN reason, DROP COLUMN ended_by, DROP COLUMN ended_at, DROP COLUMN reviewed_at,
    DROP COLUMN reviewed_by, DROP COLUMN review_outcome, DROP COLUMN idempotency_key;
  `,
);

import { auditSealingSql, auditTablesSql } from '@hub/guard/audit/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Versions are never updated: a new one is a new row, so the family's history is complete.
export const FamilyStory = sqlMigration(
  'FamilyStory1765100000000',
  `
  CREATE TABLE family_story (
    child_id uuid NOT NULL,
    version int NOT NULL,
    written_by text NOT NULL,
    written_as text NOT NULL CHECK (written_as IN ('PARENT', 'YOUNG_PERSON')),
    written_at timestamptz NOT NULL DEFAULT now(),
    sections jsonb NOT NULL,
    idempotency_key text,
    PRIMARY KEY (child_id, version)
  );
  CREATE UNIQUE INDEX family_story_idempotency ON family_story (written_by, idempotency_key);
  `,
  'DROP TABLE family_story;',
);

export const Audit = sqlMigration(
  'FamilyAudit1765100000001',
  `${auditTablesSql()}\n${auditSealingSql()}`,
  'DROP TABLE audit_event, audit_head;',
);

import { outboxTablesSql } from '@hub/host/outbox/tables';
import { sqlMigration } from '@hub/runtime/migrate';
import { ADVICE_TYPES, AGENCIES, EXCEPTION_KINDS } from '@hub/schema';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// EHC needs assessments, the requests for advice made in them and the exceptions recorded against
// the time limits; plus the outbox of peer messages (governance, health, social care).
export const Assessments = sqlMigration(
  'Assessments1764000000000',
  `
  CREATE TABLE needs_assessment (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    la_code char(3) NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
    request_received_on date NOT NULL,
    -- SEN2: Y assess, N not, A not yet decided. A withdrawal is withdrawn_on (SEN2 W).
    decision char(1) NOT NULL DEFAULT 'A' CHECK (decision IN ('Y', 'N', 'A')),
    decided_on date CHECK (decided_on >= request_received_on),
    draft_issued_on date CHECK (draft_issued_on >= decided_on),
    final_issued_on date CHECK (final_issued_on >= draft_issued_on + 15),
    not_issued_notice_on date CHECK (not_issued_notice_on >= decided_on),
    withdrawn_on date CHECK (withdrawn_on >= request_received_on),
    opened_by text NOT NULL,
    opened_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((decision = 'A') = (decided_on IS NULL)),
    CHECK (decision = 'Y' OR (draft_issued_on IS NULL AND not_issued_notice_on IS NULL)),
    CHECK (final_issued_on IS NULL OR draft_issued_on IS NOT NULL),
    CHECK (num_nonnulls(final_issued_on, not_issued_notice_on) <= 1),
    CHECK (num_nonnulls(draft_issued_on, not_issued_notice_on) <= 1)
  );
  CREATE INDEX needs_assessment_child ON needs_assessment (child_id);
  CREATE INDEX needs_assessment_la ON needs_assessment (la_code, request_received_on);
  -- A child has at most one assessment under way.
  CREATE UNIQUE INDEX needs_assessment_one_open ON needs_assessment (child_id)
    WHERE final_issued_on IS NULL AND not_issued_notice_on IS NULL AND withdrawn_on IS NULL AND decision <> 'N';
  CREATE TABLE advice_request (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES needs_assessment(id),
    child_id uuid NOT NULL,
    advice_type text NOT NULL CHECK (advice_type IN (${inList(ADVICE_TYPES)})),
    agency text NOT NULL CHECK (agency IN (${inList(AGENCIES)})),
    organisation text NOT NULL CHECK (organisation ~ '^[A-Z0-9]{3,8}$'),
    requested_on date NOT NULL,
    due_on date NOT NULL,
    -- The day the first version reached the LA, and the newest version seen.
    received_on date CHECK (received_on >= requested_on),
    received_version integer,
    -- reg 6(4): existing advice agreed to be still sufficient instead of asking again.
    existing_advice_reference text,
    agreed_on date,
    requested_by text NOT NULL,
    CHECK ((existing_advice_reference IS NULL) = (agreed_on IS NULL)),
    CHECK (existing_advice_reference IS NULL OR received_on IS NULL)
  );
  CREATE INDEX advice_request_assessment ON advice_request (assessment_id);
  CREATE UNIQUE INDEX advice_request_once ON advice_request (assessment_id, advice_type, organisation);
  CREATE TABLE assessment_exception (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES needs_assessment(id),
    advice_request_id uuid REFERENCES advice_request(id),
    kind text NOT NULL CHECK (kind IN (${inList(EXCEPTION_KINDS)})),
    reason text NOT NULL,
    start_on date NOT NULL,
    end_on date NOT NULL CHECK (end_on >= start_on),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX assessment_exception_assessment ON assessment_exception (assessment_id);
  ${outboxTablesSql()}
  `,
  `DROP TABLE outbox, assessment_exception, advice_request, needs_assessment;`,
);

import { sqlMigration } from '@hub/runtime/migrate';
import {
  EDUCATION_ISSUE_SECTIONS,
  PHASE_TRANSFERS,
  PLAN_ISSUE_KINDS,
  REVIEW_DECISIONS,
  SEN_SUPPORT_REVIEW_OUTCOMES,
  SEN_SUPPORT_TYPES,
} from '@hub/schema';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// After the plan: every issue of a plan kept with its date and the sections education writes,
// annual reviews, the date a plan ceased, and SEN support records (assess, plan, do, review).
// Writes carry the caller's idempotency key, unique per caller, so a retry finds the first result.
export const PlansReviews = sqlMigration(
  'PlansReviews1764200000000',
  `
  -- SEN2 reports the date a plan ceased; plans ceased before the hub recorded it have none.
  ALTER TABLE ehc_plan ADD COLUMN ceased_on date CHECK (ceased_on IS NULL OR status = 'CEASED');
  CREATE TABLE plan_issue (
    id uuid PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES ehc_plan(id),
    version integer NOT NULL CHECK (version >= 1),
    kind text NOT NULL CHECK (kind IN (${inList(PLAN_ISSUE_KINDS)})),
    issued_on date NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    idempotency_key text NOT NULL,
    UNIQUE (plan_id, version),
    UNIQUE (recorded_by, idempotency_key)
  );
  -- One row per item of a section as issued (JSON: the section's own shape; K holds links to
  -- requests for advice, never the advice itself).
  CREATE TABLE plan_issue_item (
    issue_id uuid NOT NULL REFERENCES plan_issue(id),
    section text NOT NULL CHECK (section IN (${inList(EDUCATION_ISSUE_SECTIONS)})),
    position integer NOT NULL,
    content jsonb NOT NULL,
    PRIMARY KEY (issue_id, section, position)
  );
  -- An issue of a plan is a record of what was sent: never edited or deleted.
  CREATE FUNCTION plan_issue_is_never_edited() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'an issued plan is never edited or deleted: issue a new version';
  END $$;
  CREATE TRIGGER plan_issue_never_edited BEFORE UPDATE OR DELETE ON plan_issue FOR EACH ROW EXECUTE FUNCTION plan_issue_is_never_edited();
  CREATE TRIGGER plan_issue_item_never_edited BEFORE UPDATE OR DELETE ON plan_issue_item FOR EACH ROW EXECUTE FUNCTION plan_issue_is_never_edited();
  CREATE TABLE annual_review (
    id uuid PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES ehc_plan(id),
    child_id uuid NOT NULL,
    meeting_on date NOT NULL,
    report_on date CHECK (report_on >= meeting_on),
    decision text CHECK (decision IN (${inList(REVIEW_DECISIONS)})),
    decided_on date CHECK (decided_on >= meeting_on),
    pfa_areas text[] NOT NULL DEFAULT '{}',
    recorded_by text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (recorded_by, idempotency_key),
    UNIQUE (plan_id, meeting_on),
    CHECK ((decision IS NULL) = (decided_on IS NULL))
  );
  CREATE INDEX annual_review_plan ON annual_review (plan_id);
  -- Transfers between phases the LA knows of beyond the standard ones the clock works out from the
  -- date of birth (infant to junior, middle schools, a post-16 move: reg 18), or in their place.
  CREATE TABLE phase_transfer (
    id uuid PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES ehc_plan(id),
    transfer text NOT NULL CHECK (transfer IN (${inList(PHASE_TRANSFERS)})),
    transfer_on date NOT NULL,
    recorded_by text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (recorded_by, idempotency_key),
    UNIQUE (plan_id, transfer, transfer_on)
  );
  CREATE TABLE sen_support (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    start_on date NOT NULL,
    end_on date CHECK (end_on >= start_on),
    provision jsonb NOT NULL,
    next_review_on date NOT NULL CHECK (next_review_on >= start_on),
    recorded_by text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (recorded_by, idempotency_key)
  );
  CREATE UNIQUE INDEX sen_support_one_open ON sen_support (child_id) WHERE end_on IS NULL;
  -- Ranked needs as the school census records them (NSA allowed here, never in SEN2 or a plan).
  CREATE TABLE sen_support_need (
    support_id uuid NOT NULL REFERENCES sen_support(id),
    rank smallint NOT NULL CHECK (rank IN (1, 2)),
    sen_type text NOT NULL CHECK (sen_type IN (${inList(SEN_SUPPORT_TYPES)})),
    PRIMARY KEY (support_id, rank),
    UNIQUE (support_id, sen_type),
    CHECK (sen_type <> 'NSA' OR rank = 1)
  );
  CREATE TABLE sen_support_review (
    id uuid PRIMARY KEY,
    support_id uuid NOT NULL REFERENCES sen_support(id),
    reviewed_on date NOT NULL,
    outcome text NOT NULL CHECK (outcome IN (${inList(SEN_SUPPORT_REVIEW_OUTCOMES)})),
    next_review_on date CHECK (next_review_on > reviewed_on),
    recorded_by text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (recorded_by, idempotency_key),
    CHECK ((outcome = 'NO_LONGER_NEEDED') = (next_review_on IS NULL))
  );
  CREATE INDEX sen_support_review_support ON sen_support_review (support_id);
  `,
  `DROP TABLE sen_support_review, sen_support_need, sen_support, phase_transfer, annual_review, plan_issue_item, plan_issue;
   DROP FUNCTION plan_issue_is_never_edited();
   ALTER TABLE ehc_plan DROP COLUMN ceased_on;`,
);

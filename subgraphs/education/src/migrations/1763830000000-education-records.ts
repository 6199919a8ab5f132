import { commissionedServiceTables } from '@hub/agency-kit/commissioned-services';
import { sqlMigration } from '@hub/runtime/migrate';
import { CEASE_REASONS, PLACEMENT_TYPES, SEN2_SETTING_CODES, SEN_STATUSES, SEN_TYPES, type PlanSection } from '@hub/schema';
import { EHC_PLAN_STATUSES } from '../repository';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The plan sections education writes: B, F and I are its own, E (outcomes) is joint. */
export const EDUCATION_PLAN_SECTIONS = ['B', 'E', 'F', 'I'] as const satisfies readonly PlanSection[];

export const EducationRecords = sqlMigration(
  'EducationRecords1763830000000',
  `
  CREATE TABLE education_record (
    child_id uuid PRIMARY KEY,
    -- Null for post-16 learners, who are known by ULN instead.
    upn char(13) UNIQUE CHECK (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
    uln char(10) UNIQUE CHECK (uln ~ '^[0-9]{10}$'),
    given_name text NOT NULL,
    family_name text NOT NULL,
    date_of_birth date NOT NULL,
    postcode_district text NOT NULL CHECK (postcode_district ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?$'),
    la_code char(3) NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
    sen_status text NOT NULL CHECK (sen_status IN (${inList(SEN_STATUSES)}))
  );
  -- upn is indexed by its UNIQUE constraint; these serve commissioning aggregates.
  CREATE INDEX education_record_sen_status ON education_record (sen_status);
  CREATE INDEX education_record_la_code ON education_record (la_code);
  CREATE INDEX education_record_postcode_district ON education_record (postcode_district);
  -- Ranked needs: 1 primary, 2 secondary (SEN2). The primary key leads with child_id.
  CREATE TABLE sen_need (
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    rank smallint NOT NULL CHECK (rank IN (1, 2)),
    sen_type text NOT NULL CHECK (sen_type IN (${inList(SEN_TYPES)})),
    PRIMARY KEY (child_id, rank),
    UNIQUE (child_id, sen_type)
  );
  CREATE INDEX sen_need_type ON sen_need (sen_type, rank);
  -- Setting and placement history. A setting has a URN (UKPRN for post-16 providers) or, where
  -- it has none, a SEN2 setting code: exactly one of the two.
  CREATE TABLE placement (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    setting_name text NOT NULL,
    urn text CHECK (urn ~ '^[0-9]{6,8}$'),
    setting_code text CHECK (setting_code IN (${inList(SEN2_SETTING_CODES)})),
    placement_type text NOT NULL CHECK (placement_type IN (${inList(PLACEMENT_TYPES)})),
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (num_nonnulls(urn, setting_code) = 1)
  );
  CREATE INDEX placement_child ON placement (child_id, start_date);
  CREATE INDEX placement_current_type ON placement (placement_type) WHERE end_date IS NULL;
  -- EHC plans; ceased plans stay as history, but at most one plan per child is current.
  CREATE TABLE ehc_plan (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES education_record(child_id),
    issued_on date NOT NULL,
    status text NOT NULL CHECK (status IN (${inList(EHC_PLAN_STATUSES)})),
    cease_reason text CHECK (cease_reason IN (${inList(CEASE_REASONS)})),
    CHECK ((status = 'CEASED') = (cease_reason IS NOT NULL))
  );
  CREATE INDEX ehc_plan_child ON ehc_plan (child_id);
  CREATE UNIQUE INDEX ehc_plan_one_current ON ehc_plan (child_id) WHERE status <> 'CEASED';
  -- Plan sections B (needs), E (outcomes), F (provision) and I (placement), one row per item.
  CREATE TABLE plan_item (
    id bigserial PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES ehc_plan(id),
    section text NOT NULL CHECK (section IN (${inList(EDUCATION_PLAN_SECTIONS)})),
    description text NOT NULL,
    provider text,
    hours_per_week numeric(5,2) CHECK (hours_per_week IS NULL OR hours_per_week >= 0),
    target_date date,
    CHECK ((section = 'F') = (provider IS NOT NULL)),
    CHECK (section = 'F' OR hours_per_week IS NULL),
    CHECK (section = 'E' OR target_date IS NULL)
  );
  CREATE INDEX plan_item_plan ON plan_item (plan_id);
  CREATE UNIQUE INDEX plan_item_one_section_i ON plan_item (plan_id) WHERE section = 'I';
  ${commissionedServiceTables('education_record')}
  `,
  `DROP TABLE service_use, commissioned_service, plan_item, ehc_plan, placement, sen_need, education_record;`,
);

import { commissionedServiceTables } from '@hub/agency-kit/commissioned-services';
import { sqlMigration } from '@hub/runtime/migrate';
import { CIN_DISABILITIES, CIN_PRIMARY_NEEDS, CP_CATEGORIES, PLAN_SECTION_OWNER } from '@hub/schema';

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');
const needs = list(CIN_PRIMARY_NEEDS);
const categories = list(CP_CATEGORIES);
const disabilities = list(CIN_DISABILITIES);
/** The EHC plan sections social care owns: D (needs), H1 and H2 (provision). */
const sections = list(
  Object.entries(PLAN_SECTION_OWNER)
    .filter(([, owner]) => owner === 'SOCIAL_CARE')
    .map(([s]) => s),
);

export const SocialCareRecords = sqlMigration(
  'SocialCareRecords1763830000000',
  `
  -- The LA child id is unique only within one LA, so it is always qualified by the LA code.
  -- Children's social care records may lack an NHS number.
  CREATE TABLE social_care_record (
    child_id uuid PRIMARY KEY,
    la_code char(3) NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
    la_child_id text NOT NULL CHECK (la_child_id <> ''),
    nhs_number char(10) UNIQUE CHECK (nhs_number ~ '^[0-9]{10}$'),
    UNIQUE (la_code, la_child_id)
  );
  -- Children-in-need episodes; end_date null while the episode is open.
  CREATE TABLE cin_episode (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date),
    primary_need text NOT NULL CHECK (primary_need IN (${needs}))
  );
  CREATE INDEX cin_episode_child ON cin_episode (child_id);
  -- A child has at most one open CIN episode; also serves "open CIN by need" counts.
  CREATE UNIQUE INDEX cin_episode_open ON cin_episode (child_id) WHERE end_date IS NULL;
  CREATE INDEX cin_episode_open_need ON cin_episode (primary_need) WHERE end_date IS NULL;
  CREATE TABLE cp_plan (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date),
    category text NOT NULL CHECK (category IN (${categories}))
  );
  CREATE INDEX cp_plan_child ON cp_plan (child_id);
  CREATE UNIQUE INDEX cp_plan_open ON cp_plan (child_id) WHERE end_date IS NULL;
  CREATE INDEX cp_plan_open_category ON cp_plan (category) WHERE end_date IS NULL;
  -- Looked-after (CLA) periods; end_date null while the child is looked after.
  CREATE TABLE cla_period (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date)
  );
  CREATE INDEX cla_period_child ON cla_period (child_id);
  CREATE UNIQUE INDEX cla_period_open ON cla_period (child_id) WHERE end_date IS NULL;
  -- Disability register (CIN census codes). The primary key leads with child_id, so it is the child index.
  CREATE TABLE disability (
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    code text NOT NULL CHECK (code IN (${disabilities})),
    PRIMARY KEY (child_id, code)
  );
  CREATE INDEX disability_code ON disability (code);
  CREATE TABLE short_break (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    provider text NOT NULL,
    nights_per_year integer CHECK (nights_per_year IS NULL OR nights_per_year BETWEEN 0 AND 366),
    hours_per_year numeric(7,2) CHECK (hours_per_year IS NULL OR hours_per_year >= 0),
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date)
  );
  CREATE INDEX short_break_child ON short_break (child_id);
  -- Plan sections D (social care needs), H1 (provision under s.2 CSDPA 1970) and H2 (other provision).
  CREATE TABLE plan_item (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES social_care_record(child_id),
    section text NOT NULL CHECK (section IN (${sections})),
    description text NOT NULL,
    provider text
  );
  CREATE INDEX plan_item_child ON plan_item (child_id);
  ${commissionedServiceTables('social_care_record')}
  `,
  `DROP TABLE service_use, commissioned_service, plan_item, short_break, disability, cla_period, cp_plan, cin_episode, social_care_record;`,
);

import { commissionedServiceTables } from '@hub/agency-kit/commissioned-services';
import { sqlMigration } from '@hub/runtime/migrate';
import { HEALTH_SERVICES } from '@hub/schema';

const services = HEALTH_SERVICES.map((s) => `'${s}'`).join(', ');

export const HealthRecords = sqlMigration(
  'HealthRecords1763830000000',
  `
  CREATE TABLE health_record (
    child_id uuid PRIMARY KEY,
    nhs_number char(10) NOT NULL UNIQUE,
    gp_practice text
  );
  CREATE TABLE diagnosis (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES health_record(child_id),
    code text NOT NULL,
    description text NOT NULL,
    diagnosed_on date NOT NULL,
    mental_health boolean NOT NULL DEFAULT false
  );
  CREATE INDEX diagnosis_child ON diagnosis (child_id);
  -- Plan sections C (needs) and G (provision) for the child's EHC plan.
  CREATE TABLE plan_item (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES health_record(child_id),
    section text NOT NULL CHECK (section IN ('C', 'G')),
    description text NOT NULL,
    provider text,
    hours_per_week numeric(5,2),
    mental_health boolean NOT NULL DEFAULT false
  );
  CREATE INDEX plan_item_child ON plan_item (child_id);
  CREATE TABLE referral (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES health_record(child_id),
    service text NOT NULL CHECK (service IN (${services})),
    organisation text NOT NULL,
    referred_on date NOT NULL,
    first_treatment_on date CHECK (first_treatment_on IS NULL OR first_treatment_on >= referred_on)
  );
  CREATE INDEX referral_child ON referral (child_id);
  CREATE INDEX referral_service ON referral (service, referred_on);
  CREATE TABLE therapy_episode (
    id bigserial PRIMARY KEY,
    child_id uuid NOT NULL REFERENCES health_record(child_id),
    service text NOT NULL CHECK (service IN (${services})),
    organisation text NOT NULL,
    start_date date NOT NULL,
    end_date date CHECK (end_date IS NULL OR end_date >= start_date)
  );
  CREATE INDEX therapy_episode_child ON therapy_episode (child_id);
  ${commissionedServiceTables('health_record')}
  `,
  `DROP TABLE service_use, commissioned_service, therapy_episode, referral, plan_item, diagnosis, health_record;`,
);

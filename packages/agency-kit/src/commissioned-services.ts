// Every agency describes the services it commissions the same way (Open Referral UK shape) and
// records which children use them; the tables and their GraphQL mapping live here once.
import type { Agency } from '@hub/schema';

export function commissionedServiceTables(recordTable: string): string {
  return `
  CREATE TABLE commissioned_service (
    id text PRIMARY KEY,
    organisation text NOT NULL,
    name text NOT NULL,
    description text,
    eligibility text,
    capacity integer NOT NULL CHECK (capacity >= 0),
    service_area text[] NOT NULL,
    taxonomy text
  );
  CREATE TABLE service_use (
    service_id text NOT NULL REFERENCES commissioned_service(id),
    child_id uuid NOT NULL REFERENCES ${recordTable}(child_id),
    start_date date NOT NULL,
    end_date date,
    PRIMARY KEY (service_id, child_id, start_date)
  );
  CREATE INDEX service_use_child ON service_use (child_id);`;
}

/** A json_agg sub-select giving a record's service uses with their service, for one-statement loads. */
export const SERVICE_USES_JSON = `(SELECT coalesce(json_agg(json_build_object(
    'startDate', su.start_date, 'endDate', su.end_date, 'service', to_jsonb(cs.*)) ORDER BY su.start_date DESC), '[]')
  FROM service_use su JOIN commissioned_service cs ON cs.id = su.service_id WHERE su.child_id = r.child_id) AS services`;

export interface ServiceRow {
  id: string;
  organisation: string;
  name: string;
  description: string | null;
  eligibility: string | null;
  capacity: number;
  service_area: string[];
  taxonomy: string | null;
}

export function serviceResolvers(agency: Agency) {
  return {
    CommissionedService: {
      agency: () => agency,
      serviceArea: (s: ServiceRow) => s.service_area,
    },
  };
}

/** The services in force: one the agency's service directory stopped listing is closed (ingest/open-referral), not deleted. */
export const LIST_OPEN_SERVICES_SQL = 'SELECT * FROM commissioned_service WHERE closed_at IS NULL ORDER BY id';

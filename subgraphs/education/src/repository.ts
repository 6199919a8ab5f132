// Every read of education data goes through here. One statement loads whole records for a batch of
// children (nested lists as JSON), so a joint view of N children costs one statement, not N.
import { oneByKey } from '@hub/runtime/loaders';
import { SERVICE_USES_JSON } from '@hub/agency-kit/commissioned-services';
import { type Db } from '@hub/runtime/db';
import type { CeaseReasonCode, PlacementType, SenStatus, SenType } from '@hub/schema';
import { assessmentLoaders } from './assessments/repository';
import { planLoaders } from './plans/repository';
import { senSupportLoaders } from './sen-support/resolvers';

/** EHC plan status; education's own list (the GraphQL enum EhcPlanStatus mirrors it). */
export const EHC_PLAN_STATUSES = ['DRAFT', 'FINAL', 'CEASED'] as const;
export type EhcPlanStatus = (typeof EHC_PLAN_STATUSES)[number];

/** One plan (alias e) as JSON: its education sections B, E, F, I as plan_item rows hold them (the newest issue's). */
export const EHC_PLAN_JSON = `json_build_object('id', e.id::text, 'childId', e.child_id, 'issuedOn', e.issued_on, 'status', e.status, 'ceaseReason', e.cease_reason,
      'items', (SELECT coalesce(json_agg(json_build_object('section', i.section, 'description', i.description,
          'provider', i.provider, 'hoursPerWeek', i.hours_per_week, 'targetDate', i.target_date) ORDER BY i.id), '[]')
        FROM plan_item i WHERE i.plan_id = e.id))`;

// Records a source system no longer sends are closed (closed_at) and not shown.
// The plan shown is the current one (not ceased) or, failing that, the latest ceased plan.
export const RECORDS_SQL = `
SELECT r.child_id, r.upn, r.uln, r.given_name, r.family_name, r.date_of_birth, r.postcode_district,
  r.la_code, r.sen_status, r.source_system, r.source_at,
  (SELECT coalesce(json_agg(json_build_object('rank', n.rank, 'senType', n.sen_type) ORDER BY n.rank), '[]')
    FROM sen_need n WHERE n.child_id = r.child_id AND n.closed_at IS NULL) AS needs,
  (SELECT coalesce(json_agg(json_build_object('settingName', p.setting_name, 'urn', p.urn,
      'settingCode', p.setting_code, 'placementType', p.placement_type, 'startDate', p.start_date,
      'endDate', p.end_date) ORDER BY p.start_date DESC, p.id DESC), '[]')
    FROM placement p WHERE p.child_id = r.child_id AND p.closed_at IS NULL) AS placements,
  (SELECT ${EHC_PLAN_JSON}
    FROM ehc_plan e WHERE e.child_id = r.child_id AND e.closed_at IS NULL
    ORDER BY e.status = 'CEASED', e.issued_on DESC, e.id DESC LIMIT 1) AS ehc_plan,
  (SELECT coalesce(json_agg(json_build_object('termStart', a.term_start, 'term', a.term, 'sessionsPossible', a.sessions_possible,
      'sessionsAttended', a.sessions_attended, 'authorisedAbsence', a.authorised_absence, 'unauthorisedAbsence', a.unauthorised_absence)
      ORDER BY a.term_start DESC), '[]') FROM attendance_term a WHERE a.child_id = r.child_id) AS attendance,
  (SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'startOn', x.start_on, 'sessions', x.sessions) ORDER BY x.start_on DESC, x.id), '[]')
    FROM exclusion x WHERE x.child_id = r.child_id AND x.withdrawn_on IS NULL) AS exclusions,
  ${SERVICE_USES_JSON}
FROM education_record r WHERE r.child_id = ANY($1::uuid[])`;

export interface PlacementJson {
  settingName: string;
  urn: string | null;
  settingCode: string | null;
  placementType: PlacementType;
  startDate: string;
  endDate: string | null;
}

interface PlanItemFields {
  description: string;
  hoursPerWeek: number | null;
  targetDate: string | null;
}

/** A plan_item row: section F's provision, and only it, names its provider (the table's CHECK says so). */
export type PlanItemJson = PlanItemFields & ({ section: 'F'; provider: string } | { section: 'B' | 'E' | 'I'; provider: null });

export interface EhcPlanJson {
  id: string;
  childId: string;
  issuedOn: string;
  status: EhcPlanStatus;
  /** A SEN2 cease reason code (ehc_plan's CHECK). */
  ceaseReason: CeaseReasonCode | null;
  items: PlanItemJson[];
}

export interface EducationRecordRow {
  child_id: string;
  upn: string | null;
  uln: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postcode_district: string;
  la_code: string;
  sen_status: SenStatus;
  /** The source system and submission time that last wrote the record (SEN2 ingestion); null otherwise. */
  source_system: string | null;
  source_at: Date | null;
  needs: { rank: 1 | 2; senType: SenType }[];
  /** Newest first. */
  placements: PlacementJson[];
  ehc_plan: EhcPlanJson | null;
  /** Newest first; the GraphQL fields read them as they are. */
  attendance: {
    termStart: string;
    term: string;
    sessionsPossible: number;
    sessionsAttended: number;
    authorisedAbsence: number;
    unauthorisedAbsence: number;
  }[];
  exclusions: { kind: string; startOn: string; sessions: number | null }[];
  services: unknown[];
}

export function loaders(db: Db) {
  return {
    record: oneByKey<EducationRecordRow>(db, RECORDS_SQL, 'child_id'),
    assessments: assessmentLoaders(db),
    plans: planLoaders(db),
    senSupport: senSupportLoaders(db),
  };
}
export type Loaders = ReturnType<typeof loaders>;

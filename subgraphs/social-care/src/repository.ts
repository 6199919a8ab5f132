// Every read of social care data goes through here. One statement loads whole records for a batch
// of children (nested lists as JSON), so a joint view of N children costs one statement, not N.
import { adviceLoaders } from '@hub/advice/repository';
import { oneByKey } from '@hub/runtime/loaders';
import { planIssueSnapshotLoader } from '@hub/agency-kit/plan-sections';
import { SERVICE_USES_JSON } from '@hub/agency-kit/commissioned-services';
import { type Db } from '@hub/runtime/db';
import type { CinDisability, CinPrimaryNeed, CpCategory } from '@hub/schema';

export const RECORDS_SQL = `
SELECT r.child_id, r.la_code, r.la_child_id, r.nhs_number, r.source_system, r.source_at,
  (SELECT coalesce(json_agg(json_build_object('startDate', c.start_date, 'endDate', c.end_date,
      'primaryNeed', c.primary_need) ORDER BY c.start_date, c.id), '[]')
    FROM cin_episode c WHERE c.child_id = r.child_id AND c.closed_at IS NULL) AS cin_episodes,
  (SELECT coalesce(json_agg(json_build_object('startDate', p.start_date, 'endDate', p.end_date,
      'category', p.category) ORDER BY p.start_date, p.id), '[]')
    FROM cp_plan p WHERE p.child_id = r.child_id AND p.closed_at IS NULL) AS cp_plans,
  (SELECT coalesce(json_agg(json_build_object('startDate', l.start_date, 'endDate', l.end_date)
      ORDER BY l.start_date, l.id), '[]')
    FROM cla_period l WHERE l.child_id = r.child_id AND l.closed_at IS NULL) AS cla_periods,
  (SELECT coalesce(json_agg(d.code ORDER BY d.code), '[]')
    FROM disability d WHERE d.child_id = r.child_id AND d.closed_at IS NULL) AS disabilities,
  (SELECT coalesce(json_agg(json_build_object('provider', b.provider, 'nightsPerYear', b.nights_per_year,
      'hoursPerYear', b.hours_per_year, 'startDate', b.start_date, 'endDate', b.end_date) ORDER BY b.start_date, b.id), '[]')
    FROM short_break b WHERE b.child_id = r.child_id) AS short_breaks,
  (SELECT coalesce(json_agg(json_build_object('section', i.section, 'description', i.description,
      'provider', i.provider) ORDER BY i.id), '[]')
    FROM plan_item i WHERE i.child_id = r.child_id) AS plan_items,
  ${SERVICE_USES_JSON}
FROM social_care_record r WHERE r.child_id = ANY($1::uuid[])`;

export interface Period {
  startDate: string;
  endDate: string | null;
}

export interface SocialCareRecordRow {
  child_id: string;
  la_code: string;
  la_child_id: string;
  nhs_number: string | null;
  /** Set when a source system's feed last changed the record (ingest/cin). */
  source_system?: string | null;
  source_at?: string | Date | null;
  cin_episodes: (Period & { primaryNeed: CinPrimaryNeed })[];
  cp_plans: (Period & { category: CpCategory })[];
  cla_periods: Period[];
  disabilities: CinDisability[];
  short_breaks: (Period & { provider: string; nightsPerYear: number | null; hoursPerYear: number | null })[];
  plan_items: { section: 'D' | 'H1' | 'H2'; description: string; provider: string | null }[];
  services: unknown[];
}

export function loaders(db: Db) {
  return {
    record: oneByKey<SocialCareRecordRow>(db, RECORDS_SQL, 'child_id'),
    planIssues: planIssueSnapshotLoader<SocialCareRecordRow['plan_items'][number]>(db),
    advice: adviceLoaders(db),
  };
}
export type Loaders = ReturnType<typeof loaders>;

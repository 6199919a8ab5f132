// Every read of health data goes through here. Items about mental health carry
// `__category: MENTAL_HEALTH`, so the guard drops them for callers without consent for that category.
// One statement loads whole records for a batch of
// children (nested lists as JSON), so a joint view of N children costs one statement, not N.
import { adviceLoaders } from '@hub/advice/repository';
import { oneByKey } from '@hub/runtime/loaders';
import { planIssueSnapshotLoader } from '@hub/agency-kit/plan-sections';
import { SERVICE_USES_JSON } from '@hub/agency-kit/commissioned-services';
import { type Db } from '@hub/runtime/db';

export const RECORDS_SQL = `
SELECT r.child_id, r.nhs_number, r.gp_practice, r.source_system, r.source_at,
  (SELECT coalesce(json_agg(json_build_object('__category', CASE WHEN d.mental_health THEN 'MENTAL_HEALTH' END, 'code', d.code, 'description', d.description,
      'diagnosedOn', d.diagnosed_on, 'mentalHealth', d.mental_health, 'source_system', d.source_system, 'source_at', d.source_at) ORDER BY d.diagnosed_on, d.id), '[]')
    FROM diagnosis d WHERE d.child_id = r.child_id AND d.closed_at IS NULL) AS diagnoses,
  (SELECT coalesce(json_agg(json_build_object('__category', CASE WHEN p.mental_health THEN 'MENTAL_HEALTH' END, 'section', p.section, 'description', p.description,
      'provider', p.provider, 'hoursPerWeek', p.hours_per_week, 'mentalHealth', p.mental_health) ORDER BY p.id), '[]')
    FROM plan_item p WHERE p.child_id = r.child_id) AS plan_items,
  (SELECT coalesce(json_agg(json_build_object('__category', CASE WHEN f.service = 'CAMHS' THEN 'MENTAL_HEALTH' END, 'service', f.service, 'organisation', f.organisation,
      'referredOn', f.referred_on, 'firstTreatmentOn', f.first_treatment_on, 'source_system', f.source_system, 'source_at', f.source_at) ORDER BY f.referred_on, f.id), '[]')
    FROM referral f WHERE f.child_id = r.child_id AND f.closed_at IS NULL) AS referrals,
  (SELECT coalesce(json_agg(json_build_object('__category', CASE WHEN e.service = 'CAMHS' THEN 'MENTAL_HEALTH' END, 'service', e.service, 'organisation', e.organisation,
      'startDate', e.start_date, 'endDate', e.end_date, 'source_system', e.source_system, 'source_at', e.source_at) ORDER BY e.start_date, e.id), '[]')
    FROM therapy_episode e WHERE e.child_id = r.child_id AND e.closed_at IS NULL) AS episodes,
  ${SERVICE_USES_JSON}
FROM health_record r WHERE r.child_id = ANY($1::uuid[])`;

/** The source system and submission time that last wrote a row (a FHIR Bundle); null for rows entered otherwise. */
interface Sourced<At> {
  source_system: string | null;
  source_at: At | null;
}

/** The record's own provenance is a timestamp column; its lists' are JSON, so text. */
export interface HealthRecordRow extends Sourced<Date> {
  child_id: string;
  nhs_number: string;
  gp_practice: string | null;
  diagnoses: ({ code: string; description: string; diagnosedOn: string; mentalHealth: boolean } & Sourced<string>)[];
  plan_items: { section: 'C' | 'G'; description: string; provider: string | null; hoursPerWeek: number | null; mentalHealth: boolean }[];
  referrals: ({ service: string; organisation: string; referredOn: string; firstTreatmentOn: string | null } & Sourced<string>)[];
  episodes: ({ service: string; organisation: string; startDate: string; endDate: string | null } & Sourced<string>)[];
  services: unknown[];
}

export type DiagnosisRow = HealthRecordRow['diagnoses'][number];
export type ReferralRow = HealthRecordRow['referrals'][number];
export type TherapyEpisodeRow = HealthRecordRow['episodes'][number];

export function loaders(db: Db) {
  return {
    record: oneByKey<HealthRecordRow>(db, RECORDS_SQL, 'child_id'),
    planIssues: planIssueSnapshotLoader<HealthRecordRow['plan_items'][number]>(db),
    advice: adviceLoaders(db),
  };
}
export type Loaders = ReturnType<typeof loaders>;

// The fields of each agency's extract line, in order, separated by `|`. The agency's SQL writes
// them (subgraphs/<agency>/src/commissioning-extract.ts) and the commissioning service reads them.
// Lists inside a field are separated by `;`.
import { AGE_BANDS, HEALTH_SERVICES, RTT_STANDARD_DAYS, WAITS_PERIOD_DAYS } from '@hub/schema';
import { AS_AT } from './extract';

export const EXTRACT_FIELDS = {
  /** placementType: the placement open on the date, NONE without one; primarySenType: NONE without needs. */
  education: ['pseudonym', 'ageBand', 'la', 'locality', 'senStatus', 'primarySenType', 'placementType', 'services'],
  /** waitStates: one digit per HEALTH_SERVICES entry, an index into WAIT_STATES; completedWaits: `SERVICE:days;…`. */
  health: ['pseudonym', 'waitStates', 'completedWaits', 'services'],
  /** socialCareStatus: CLA, CP, CIN or KNOWN_NOT_OPEN on the date. */
  'social-care': ['pseudonym', 'la', 'socialCareStatus', 'services'],
} as const;

export type ExtractAgency = keyof typeof EXTRACT_FIELDS;

/**
 * Education's extract has a second section (after SECTION_SEPARATOR), one line per child with
 * timeliness facts. plan: one digit, an index into TIMELINESS (a PLAN_OUTCOMES value), or empty;
 * healthAdvice: one such digit per request for health advice counted (ADVICE_OUTCOMES values).
 */
export const TIMELINESS_FIELDS = ['pseudonym', 'plan', 'healthAdvice'] as const;

/** SQL: the age band on the "as at" date of a date-of-birth column. */
export function ageBandSql(dobColumn: string): string {
  // The age is computed once per row, not once per band.
  return `(SELECT CASE ${AGE_BANDS.map((b) => `WHEN a <= ${b.max} THEN '${b.code}'`).join(' ')} END FROM (SELECT date_part('year', age(${AS_AT}, ${dobColumn})) AS a) age)`;
}

/** SQL over referrals (alias `f`): 0 not waiting on the date, 1 waiting up to 18 weeks, 2 over. */
export const WAIT_STATE_SQL = `CASE WHEN f.referred_on <= ${AS_AT} AND (f.first_treatment_on IS NULL OR f.first_treatment_on > ${AS_AT})
  THEN CASE WHEN ${AS_AT} - f.referred_on > ${RTT_STANDARD_DAYS} THEN 2 ELSE 1 END ELSE 0 END`;

/** SQL aggregate over referrals: the wait-state digits, one per health service, in HEALTH_SERVICES order. */
export const WAIT_STATES_AGG_SQL = `concat(${HEALTH_SERVICES.map((s) => `coalesce(max(CASE WHEN f.service = '${s}' THEN ${WAIT_STATE_SQL} END), 0)`).join(', ')})`;

/** SQL aggregate over referrals: completed pathways (first treatment in the year to the date) as `SERVICE:days;…`. */
export const COMPLETED_WAITS_AGG_SQL = `coalesce(string_agg(CASE WHEN f.first_treatment_on <= ${AS_AT} AND f.first_treatment_on > ${AS_AT} - ${WAITS_PERIOD_DAYS}
  THEN f.service || ':' || (f.first_treatment_on - f.referred_on) END, ';' ORDER BY f.service, f.id), '')`;

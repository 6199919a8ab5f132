// Joint commissioning (CFA s.26): the coarse bands commissioners group and filter by, and the
// disclosure-control thresholds. The agencies compute these bands from their own records (never
// sending a date of birth or an address) and the commissioning service groups by them, so both
// sides read the bands from here.
import { HEALTH_SERVICES, type HealthService, type Timeliness } from './codes';
import { isoDateProblem } from './dates';

/** Age bands of the SEN2 / school census publications, by whole years on the "as at" date. */
export const AGE_BANDS = [
  { code: 'AGE_0_4', min: 0, max: 4 },
  { code: 'AGE_5_10', min: 5, max: 10 },
  { code: 'AGE_11_15', min: 11, max: 15 },
  { code: 'AGE_16_19', min: 16, max: 19 },
  { code: 'AGE_20_25', min: 20, max: 25 },
  { code: 'AGE_26_PLUS', min: 26, max: 200 },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['code'];

export function ageBandOf(age: number): AgeBand {
  return (AGE_BANDS.find((b) => age >= b.min && age <= b.max) ?? AGE_BANDS[0]).code;
}

/** Consultant-led referral to treatment standard: 18 weeks. */
export const RTT_STANDARD_DAYS = 18 * 7;
/** Completed pathways counted in the waits measure: first treatment in this many days up to "as at". */
export const WAITS_PERIOD_DAYS = 365;

/** Timeliness counts plans issued, and advice whose deadline fell, in this many days up to "as at". */
export const TIMELINESS_PERIOD_DAYS = 365;

/**
 * The outcomes the timeliness measure counts (a subset of the clock's TIMELINESS). A final plan:
 * issued in the period (IN_TIME, LATE, LATE_WITH_EXCEPTION) or still to come for an assessment
 * under way on the date (NOT_YET_DUE, OVERDUE, OVERDUE_WITH_EXCEPTION). Health advice whose
 * deadline fell in the period: received (IN_TIME, LATE, LATE_WITH_EXCEPTION) or not by the date
 * (OVERDUE, OVERDUE_WITH_EXCEPTION).
 */
export const PLAN_OUTCOMES = [
  'IN_TIME',
  'LATE',
  'LATE_WITH_EXCEPTION',
  'NOT_YET_DUE',
  'OVERDUE',
  'OVERDUE_WITH_EXCEPTION',
] as const satisfies readonly Timeliness[];
export const ADVICE_OUTCOMES = [
  'IN_TIME',
  'LATE',
  'LATE_WITH_EXCEPTION',
  'OVERDUE',
  'OVERDUE_WITH_EXCEPTION',
] as const satisfies readonly Timeliness[];

/** Where a child stood with one health service on the "as at" date. */
export const WAIT_STATES = ['NOT_WAITING', 'WAITING_UP_TO_18_WEEKS', 'WAITING_OVER_18_WEEKS'] as const;
export type WaitState = (typeof WAIT_STATES)[number];

/** Highest open involvement with children's social care on the "as at" date. */
export const SOCIAL_CARE_STATUSES = ['CLA', 'CP', 'CIN', 'KNOWN_NOT_OPEN', 'NOT_KNOWN'] as const;
export type SocialCareStatus = (typeof SOCIAL_CARE_STATUSES)[number];

/** Which agencies know the child, as a combination (children known to more than one agency). */
export const AGENCY_COMBINATIONS = ['E', 'H', 'S', 'E+H', 'E+S', 'H+S', 'E+H+S'] as const;

/** The value a grouping takes where the agency that holds it does not know the child. */
export const UNKNOWN = 'UNKNOWN';
/** The value of a dimension in a subtotal row (summed over that dimension). */
export const TOTAL = 'TOTAL';

/** Counts of 1 to SMALL_COUNT_MAX are never published (DfE and NHS publish 1–4 as suppressed). */
export const SMALL_COUNT_MAX = 4;
/**
 * The cell key method (docs/commissioning.md): every published count is the true count rounded to a
 * multiple of ROUNDING_BASE, up or down as the cell key decides, so it is never 1–4 and is at most
 * ROUNDING_BASE − 1 from the true count. Record keys are 0 … RECORD_KEY_RANGE − 1.
 */
export const ROUNDING_BASE = 5;
export const RECORD_KEY_RANGE = 256;
/**
 * Table-level sparsity check (docs/commissioning.md, "Sparse tables"): a count table is published
 * only if it has, on average, at least this many children per combination of its dimensions
 * (its rounded total over the number of values its rounded one-way margins list, multiplied).
 * Sparser tables are refused, naming why: perturbation alone does not protect them (a 5,000-child
 * population let a linear attacker narrow a count of 1 to 0–2, through a table with 20.5 children
 * a combination). At 5,000 children 20 is not enough, 25 and 30 are; 30 leaves a margin.
 */
export const MIN_CHILDREN_PER_CELL = 30;
/**
 * Area dimensions: in a table with another dimension beside them, each of their values (each LA,
 * each postcode district) is judged by the sparsity check on its own as well, as ONS's table builder
 * judges every area of a table, so a small LA cannot hide inside a table that is dense on average.
 */
export const AREA_DIMENSIONS: readonly string[] = ['LA', 'LOCALITY'];
/** Where the method is published (the API's and the CSV's disclosure note link to it). */
export const DISCLOSURE_CONTROL_URL = 'docs/commissioning.md#protection-of-small-numbers';
/** Medians and percentiles are published only for groups of at least this many. */
export const MIN_GROUP_FOR_STATISTICS = 10;

/** The dimensions a commissioner may group by; WAIT_<service> is one per health service. */
export const COMMISSIONING_DIMENSIONS = [
  'AGE_BAND',
  'LA',
  'LOCALITY',
  'AGENCIES',
  'SEN_STATUS',
  'PRIMARY_SEN_TYPE',
  'PLACEMENT_TYPE',
  'SOCIAL_CARE_STATUS',
  ...HEALTH_SERVICES.map((s) => `WAIT_${s}` as const),
] as const;
export type CommissioningDimension = (typeof COMMISSIONING_DIMENSIONS)[number];

export function waitDimension(service: HealthService): CommissioningDimension {
  return `WAIT_${service}`;
}

/** Most dimensions one table may have, filters included (2^n subtotal tables are computed). */
export const MAX_DIMENSIONS = 6;

/**
 * "As at" dates are quarter ends only: fixed, coarse snapshots limit what can be learnt by
 * differencing two queries a day apart. Returns why a date is refused, or null.
 */
export function asAtProblem(input: string, today: string): string | null {
  const p = isoDateProblem(input);
  if (p) return p;
  if (!/-(03-31|06-30|09-30|12-31)$/.test(input)) return 'must be a quarter end (YYYY-03-31, -06-30, -09-30 or -12-31)';
  if (input > today) return 'must not be in the future';
  if (input < '2015-03-31') return 'must be on or after 2015-03-31';
  return null;
}

/** The latest quarter end on or before `today`: the default "as at" date. */
export function latestQuarterEnd(today: string): string {
  const y = Number(today.slice(0, 4));
  const ends = [`${y}-12-31`, `${y}-09-30`, `${y}-06-30`, `${y}-03-31`, `${y - 1}-12-31`];
  return ends.find((e) => e <= today)!;
}

// Timeliness of EHC needs assessments, from education's clock (judged by the LA as at the date and
// sent as outcome codes only), in three steps, each its own suppressed table over the outcome and
// the caller's dimensions:
//   FINAL_PLAN            children whose final plan was issued in the year to the date (20 weeks);
//   FINAL_PLAN_UNDER_WAY  children whose assessment was under way on the date (plan still to come);
//   HEALTH_ADVICE         requests for health advice whose 6-week deadline fell in that year.
// Plans issued and plans to come are separate tables so that "plans issued", the denominator of
// the share, is itself a protected figure. Shares are computed only from published (rounded)
// counts, capped at 100 (a total is rounded on its own and can come out below its part).
import {
  addDays,
  ADVICE_OUTCOMES,
  COMMISSIONING_DIMENSIONS,
  PLAN_OUTCOMES,
  TIMELINESS_PERIOD_DAYS,
  TOTAL,
  type CommissioningDimension,
  type Timeliness,
} from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL } from '../disclosure/cell-key';
import { disclosureFlag } from './counts';
import { canonical, crossTab, fieldsFor } from '../dimensions';
import type { Population } from '../population';
import { slice, type CommissioningQuery, type Measure, type PublishedCell } from '../query';

export type TimelinessStep = 'FINAL_PLAN' | 'FINAL_PLAN_UNDER_WAY' | 'HEALTH_ADVICE' | 'ANNUAL_REVIEW' | 'PHASE_TRANSFER';

export interface OutcomeCount {
  outcome: Timeliness;
  count: number | null;
  suppressed: boolean;
  perturbed: boolean;
}

export interface TimelinessRow {
  step: TimelinessStep;
  values: string[];
  outcomes: OutcomeCount[];
  total: number | null;
  totalSuppressed: boolean;
  perturbed: boolean;
  /** Done in time, of all judged (late with an exception counts as late). */
  percentInTime: number | null;
  /** Done in time, leaving out the cases where an exception applied (SEN2's "excluding exceptions"). */
  percentInTimeExcludingExceptions: number | null;
}

export interface TimelinessTable {
  asAt: string;
  periodStart: string;
  dimensions: CommissioningDimension[];
  filter: { dimension: CommissioningDimension; value: string }[];
  rows: TimelinessRow[];
  csv: string;
  disclosureControl: typeof DISCLOSURE_CONTROL;
}

const OUTCOME = 'OUTCOME';

export interface StepRule {
  step: TimelinessStep;
  /** Each unit of child i (one per child for plans, one per request, review or transfer), as an index into outcomes. */
  units(population: Population, i: number, emit: (code: number) => void): void;
  /** Every outcome the step counts; their total is the denominator including exceptions. */
  outcomes: readonly Timeliness[];
  /** The outcomes that are exception cases (left out of the denominator excluding exceptions). */
  exceptions: readonly Timeliness[];
  /** Shares make sense: the units were all judged against their deadline. */
  shares: boolean;
}

/** The final plan counted for child i, when it has one of the rule's outcomes. */
function planUnit(this: StepRule, population: Population, i: number, emit: (code: number) => void) {
  const plan = population.plan[i];
  const code = plan ? this.outcomes.indexOf(plan) : -1;
  if (code >= 0) emit(code);
}

/** A unit per outcome in a per-child list (requests for advice, reviews, transfers). */
export const eachOf = (list: (p: Population) => (Timeliness[] | undefined)[]) =>
  function (this: StepRule, population: Population, i: number, emit: (code: number) => void) {
    for (const t of list(population)[i] ?? []) emit(this.outcomes.indexOf(t));
  };

const RULES: StepRule[] = [
  {
    step: 'FINAL_PLAN',
    outcomes: ['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION'],
    exceptions: ['LATE_WITH_EXCEPTION'],
    shares: true,
    units: planUnit,
  },
  {
    step: 'FINAL_PLAN_UNDER_WAY',
    outcomes: ['NOT_YET_DUE', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION'],
    exceptions: [],
    shares: false,
    units: planUnit,
  },
  {
    step: 'HEALTH_ADVICE',
    outcomes: ADVICE_OUTCOMES,
    exceptions: ['LATE_WITH_EXCEPTION', 'OVERDUE_WITH_EXCEPTION'],
    shares: true,
    units: eachOf((p) => p.healthAdvice),
  },
];

const percent = (n: number, d: number) => (d <= 0 ? null : Math.min(100, Math.round((1000 * n) / d) / 10));

export function stepRows(rule: StepRule, population: Population, q: CommissioningQuery): TimelinessRow[] {
  const dims = canonical([...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], COMMISSIONING_DIMENSIONS);
  const lattice = crossTab(population, dims, { name: OUTCOME, values: rule.outcomes, units: (i, emit) => rule.units(population, i, emit) });
  const groups = new Map<string, Map<string, PublishedCell>>();
  for (const cell of slice(lattice, [OUTCOME, ...q.dimensions], q.fixed as Record<string, string>)) {
    const key = cell.values.slice(1).join('\u001f');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    g.set(cell.values[0], cell);
  }
  const rows: TimelinessRow[] = [];
  for (const g of groups.values()) {
    const total = g.get(TOTAL);
    if (!total) continue;
    const outcomes = rule.outcomes.map((o): OutcomeCount => {
      const c = g.get(o);
      return c
        ? { outcome: o, count: c.count, suppressed: c.suppressed, perturbed: c.perturbed }
        : { outcome: o, count: 0, suppressed: false, perturbed: total.perturbed };
    });
    const shown = new Map(outcomes.map((o) => [o.outcome, o.count]));
    const published = (os: readonly Timeliness[]) => os.every((o) => shown.get(o) !== null);
    const sum = (os: readonly Timeliness[]) => os.reduce((n, o) => n + shown.get(o)!, 0);
    // Denominators only from published figures (the total, or the outcomes it sums), so a share
    // says nothing the counts do not.
    const all = total.count ?? (published(rule.outcomes) ? sum(rule.outcomes) : null);
    const regular = rule.outcomes.filter((o) => !rule.exceptions.includes(o));
    const withoutExceptions = published(regular)
      ? sum(regular)
      : all !== null && published(rule.exceptions)
        ? all - sum(rule.exceptions)
        : null;
    const inTime = shown.get('IN_TIME');
    const share = (d: number | null) => (!rule.shares || inTime === null || inTime === undefined || d === null ? null : percent(inTime, d));
    rows.push({
      step: rule.step,
      values: total.values.slice(1),
      outcomes,
      total: total.count,
      totalSuppressed: total.suppressed,
      perturbed: total.perturbed,
      percentInTime: share(all),
      percentInTimeExcludingExceptions: share(withoutExceptions),
    });
  }
  return rows;
}

const CSV_OUTCOMES = [...new Set<Timeliness>([...PLAN_OUTCOMES, ...ADVICE_OUTCOMES])];

/**
 * A timeliness measure over its steps: each a table of outcome by the caller's dimensions (stepRows),
 * in one TimelinessTable with its CSV (one column per outcome of `csvOutcomes`; `exceptions` adds
 * the share excluding exception cases).
 */
export function timelinessMeasure(
  name: string,
  section: 'timeliness' | 'reviewTimeliness',
  rules: StepRule[],
  csvOutcomes: readonly Timeliness[],
  exceptions: boolean,
): Measure<TimelinessTable> {
  return {
    name,
    // Only the clock the measure counts: education judges the other only when asked.
    fields: (q) => fieldsFor([...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], { education: [section] }),
    run(population, q) {
      const rows = rules.flatMap((r) => stepRows(r, population, q));
      return {
        asAt: q.asAt,
        periodStart: addDays(q.asAt, 1 - TIMELINESS_PERIOD_DAYS),
        dimensions: q.dimensions,
        filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
        rows,
        csv: toCsv(
          [
            'step',
            ...q.dimensions,
            ...csvOutcomes.map((o) => o.toLowerCase()),
            'total',
            'percent_in_time',
            ...(exceptions ? ['percent_in_time_excluding_exceptions'] : []),
            DISCLOSURE_COLUMN,
          ],
          rows.map((r) => [
            r.step,
            ...r.values,
            ...csvOutcomes.map((o) => {
              const c = r.outcomes.find((x) => x.outcome === o);
              return c ? figure(c.count, c.suppressed) : '';
            }),
            figure(r.total, r.totalSuppressed),
            r.percentInTime ?? '',
            ...(exceptions ? [r.percentInTimeExcludingExceptions ?? ''] : []),
            disclosureFlag(r),
          ]),
        ),
        disclosureControl: DISCLOSURE_CONTROL,
      };
    },
  };
}

export const timeliness = timelinessMeasure('timeliness', 'timeliness', RULES, CSV_OUTCOMES, true);

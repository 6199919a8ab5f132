// Timeliness of what follows the plan, from education's review clock (judged by the LA as at the
// date, sent as outcome codes only): annual review meetings due in the year to the date (within 12
// months of the plan or the last review, reg 2(1) and 20), and phase transfers whose review-and-
// amend deadline (15 February; 31 March into post-16, reg 18) fell in it. Each step is its own
// table over the outcome and the caller's dimensions, counted and rounded exactly as assessment
// timeliness is (stepRows, same cell key method); the review clock knows no exceptions.
import { addDays, TIMELINESS_PERIOD_DAYS, type CommissioningDimension, type Timeliness } from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL } from '../disclosure/cell-key';
import { fieldsFor } from '../dimensions';
import type { Measure } from '../query';
import { disclosureFlag } from './counts';
import { eachOf, stepRows, type StepRule, type TimelinessTable } from './timeliness';

const OUTCOMES: readonly Timeliness[] = ['IN_TIME', 'LATE', 'OVERDUE'];

const RULES: StepRule[] = [
  { step: 'ANNUAL_REVIEW', outcomes: OUTCOMES, exceptions: [], shares: true, units: eachOf((p) => p.annualReviews) },
  { step: 'PHASE_TRANSFER', outcomes: OUTCOMES, exceptions: [], shares: true, units: eachOf((p) => p.phaseTransfers) },
];

export const reviewTimeliness: Measure<TimelinessTable> = {
  name: 'reviewTimeliness',
  fields: (q) => fieldsFor([...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], { education: ['timeliness'] }),
  run(population, q) {
    const rows = RULES.flatMap((r) => stepRows(r, population, q));
    return {
      asAt: q.asAt,
      periodStart: addDays(q.asAt, 1 - TIMELINESS_PERIOD_DAYS),
      dimensions: q.dimensions,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      rows,
      csv: toCsv(
        ['step', ...q.dimensions, ...OUTCOMES.map((o) => o.toLowerCase()), 'total', 'percent_in_time', DISCLOSURE_COLUMN],
        rows.map((r) => [
          r.step, ...r.values,
          ...OUTCOMES.map((o) => {
            const c = r.outcomes.find((x) => x.outcome === o)!;
            return figure(c.count, c.suppressed);
          }),
          figure(r.total, r.totalSuppressed), r.percentInTime ?? '', disclosureFlag(r),
        ]),
      ),
      disclosureControl: DISCLOSURE_CONTROL,
    };
  },
};

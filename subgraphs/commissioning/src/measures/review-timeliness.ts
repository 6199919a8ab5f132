// Timeliness of what follows the plan, from education's review clock (judged by the LA as at the
// date, sent as outcome codes only): annual review meetings due in the year to the date (within 12
// months of the plan or the last review, reg 2(1) and 20), and phase transfers whose review-and-
// amend deadline (15 February; 31 March into post-16, reg 18) fell in it. Each step is its own
// table over the outcome and the caller's dimensions, counted and rounded exactly as assessment
// timeliness is (stepRows, same cell key method); the review clock knows no exceptions.
import type { Timeliness } from '@hub/schema';
import { eachOf, timelinessMeasure, type StepRule } from './timeliness';

const OUTCOMES: readonly Timeliness[] = ['IN_TIME', 'LATE', 'OVERDUE'];

const RULES: StepRule[] = [
  { step: 'ANNUAL_REVIEW', outcomes: OUTCOMES, exceptions: [], shares: true, units: eachOf((p) => p.annualReviews) },
  { step: 'PHASE_TRANSFER', outcomes: OUTCOMES, exceptions: [], shares: true, units: eachOf((p) => p.phaseTransfers) },
];

export const reviewTimeliness = timelinessMeasure('reviewTimeliness', 'reviewTimeliness', RULES, OUTCOMES, false);

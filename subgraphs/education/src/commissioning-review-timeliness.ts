// Education's review timeliness facts for joint commissioning: the LA owns the review clock, so it
// judges each plan here, with the pure clock (reviewDeadlinesIn, @hub/schema), as the plan stood on
// the "as at" date, and sends per pseudonymous child only outcome codes: one per annual review
// meeting due in the year to the date, one per phase transfer whose deadline (15 February, 31 March
// into post-16) fell in it (transfers recorded, shown by the placements, or by the date of birth).
// No date, id or review detail leaves the agency.
import { AS_AT } from '@hub/agency-kit/commissioning/layout';
import { pseudonymSql } from '@hub/agency-kit/commissioning/extract';
import {
  addDays,
  knownTransfers,
  reviewDeadlinesIn,
  TIMELINESS_PERIOD_DAYS,
  type ClockPlan,
  type PfaArea,
  type PhaseTransfer,
  type PlacementType,
  type PlanIssueKind,
  type ReviewDecision,
} from '@hub/schema';
import { digitsPerPseudonym, timelinessDigit } from './commissioning-digits';

/** One plan's clock input as the SQL below writes it (short keys: it is built per plan per query). */
interface PlanJson {
  m: string;
  b: string;
  c: string | null;
  r: { i: string; m: string; p: string | null; d: ReviewDecision | null; o: string | null; a: PfaArea[] }[];
  s: { k: PlanIssueKind; o: string }[];
  t: { k: PhaseTransfer; o: string }[];
  p: { o: string; k: PlacementType }[];
}

/**
 * SQL: per child with a plan made by the date and not ceased before the period, `pseudonym|[plan
 * clock input JSON]`, lines joined by newlines.
 */
export const REVIEW_LINES_SQL = `(SELECT coalesce(string_agg(line, E'\\n'), '') FROM (
  SELECT ${pseudonymSql('e.child_id')} || '|' || json_agg(json_build_object(
      'm', e.issued_on, 'b', r.date_of_birth, 'c', e.ceased_on,
      'r', (SELECT coalesce(json_agg(json_build_object('i', a.id, 'm', a.meeting_on, 'p', a.report_on, 'd', a.decision, 'o', a.decided_on, 'a', a.pfa_areas)), '[]')
            FROM annual_review a WHERE a.plan_id = e.id),
      's', (SELECT coalesce(json_agg(json_build_object('k', i.kind, 'o', i.issued_on)), '[]') FROM plan_issue i WHERE i.plan_id = e.id),
      't', (SELECT coalesce(json_agg(json_build_object('k', t.transfer, 'o', t.transfer_on)), '[]') FROM phase_transfer t WHERE t.plan_id = e.id),
      'p', (SELECT coalesce(json_agg(json_build_object('o', p.start_date, 'k', p.placement_type)), '[]') FROM placement p WHERE p.child_id = e.child_id AND p.closed_at IS NULL)
    ) ORDER BY e.id)::text AS line
  FROM ehc_plan e JOIN education_record r ON r.child_id = e.child_id
  WHERE e.status <> 'DRAFT' AND e.closed_at IS NULL AND e.issued_on <= ${AS_AT}
    AND (e.ceased_on IS NULL OR e.ceased_on > ${AS_AT} - ${TIMELINESS_PERIOD_DAYS})
  GROUP BY e.child_id) plans)`;

function clockPlan(p: PlanJson): ClockPlan {
  return {
    madeOn: p.m,
    dateOfBirth: p.b,
    ceasedOn: p.c,
    reviews: p.r.map((r) => ({ id: r.i, meetingOn: r.m, reportOn: r.p, decision: r.d, decidedOn: r.o, pfaAreas: r.a })),
    issues: p.s.map((i) => ({ kind: i.k, issuedOn: i.o })),
    transfers: knownTransfers(
      p.t.map((t) => ({ transfer: t.k, transferOn: t.o })),
      p.b,
      p.p.map((x) => ({ startDate: x.o, placementType: x.k })),
    ),
  };
}

/** Per pseudonym, the outcome digits (indexes into TIMELINESS) of its annual reviews and of its phase transfers due in the period. */
export function reviewDeadlineDigits(lines: string, asAt: string): Map<string, { reviews: string; transfers: string }> {
  const from = addDays(asAt, 1 - TIMELINESS_PERIOD_DAYS);
  return digitsPerPseudonym(lines, (plans: PlanJson[]) => {
    let reviews = '';
    let transfers = '';
    for (const p of plans) {
      const d = reviewDeadlinesIn(clockPlan(p), from, asAt);
      reviews += d.reviews.map(timelinessDigit).join('');
      transfers += d.transfers.map(timelinessDigit).join('');
    }
    return { reviews, transfers };
  });
}

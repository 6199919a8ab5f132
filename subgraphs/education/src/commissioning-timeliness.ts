// Education's timeliness facts for joint commissioning: the LA owns the EHC clock and knows when
// advice reached it, so it judges each assessment here, with the pure clock (@hub/schema), as the
// assessment stood on the "as at" date, and sends only coarse outcomes per pseudonymous child:
//   - the final plan of the child's latest assessment that counts: issued in the period (the year
//     to the date), or still to come for an assessment under way on the date;
//   - each request for HEALTH advice whose 6-week deadline fell in the period, received or not.
// No date, id or exception detail leaves the agency: the SQL gathers the clock input (dates
// included) into this process, the code below reduces it to outcome codes.
import { pseudonymSql } from '@hub/agency-kit/commissioning/extract';
import { AS_AT } from '@hub/agency-kit/commissioning/layout';
import { REVIEW_LINES_SQL, reviewDeadlineDigits } from './commissioning-review-timeliness';
import { digitsPerPseudonym, timelinessDigit } from './commissioning-digits';
import {
  addDays,
  ADVICE_OUTCOMES,
  clockAsAt,
  evaluateAssessment,
  PLAN_OUTCOMES,
  TIMELINESS_PERIOD_DAYS,
  type AssessmentDecision,
  type ClockAssessment,
  type ExceptionKind,
  type Timeliness,
} from '@hub/schema';

/** One assessment's clock input as the SQL below writes it (short keys: it is built per child per query). */
interface ClockJson {
  r: string;
  d: Exclude<AssessmentDecision, 'W'>;
  dd: string | null;
  dr: string | null;
  f: string | null;
  n: string | null;
  w: string | null;
  e: { i: string; k: ExceptionKind; s: string; t: string; q: string | null }[];
  q: { i: string; o: string; v: string | null; x: boolean }[];
}

/**
 * SQL: per child with an assessment that can count on the date, `pseudonym|[clock input JSON, oldest
 * request first]`, lines joined by newlines. Kept: assessments received by the date that were still
 * open at the start of the period, or that have a request for health advice due in it.
 */
export const CLOCK_LINES_SQL = `(SELECT coalesce(string_agg(line, E'\\n'), '') FROM (
  SELECT ${pseudonymSql('a.child_id')} || '|' || json_agg(json_build_object(
      'r', a.request_received_on, 'd', a.decision, 'dd', a.decided_on, 'dr', a.draft_issued_on, 'f', a.final_issued_on,
      'n', a.not_issued_notice_on, 'w', a.withdrawn_on,
      'e', (SELECT coalesce(json_agg(json_build_object('i', e.id, 'k', e.kind, 's', e.start_on, 't', e.end_on, 'q', e.advice_request_id)), '[]')
            FROM assessment_exception e WHERE e.assessment_id = a.id),
      'q', (SELECT coalesce(json_agg(json_build_object('i', q.id, 'o', q.requested_on, 'v', q.received_on, 'x', q.existing_advice_reference IS NOT NULL)), '[]')
            FROM advice_request q WHERE q.assessment_id = a.id AND q.advice_type = 'HEALTH')
    ) ORDER BY a.request_received_on, a.id)::text AS line
  FROM needs_assessment a
  WHERE a.request_received_on <= ${AS_AT}
    AND (coalesce(a.final_issued_on, a.not_issued_notice_on, a.withdrawn_on, CASE WHEN a.decision = 'N' THEN a.decided_on END) > ${AS_AT} - ${TIMELINESS_PERIOD_DAYS}
      OR num_nonnulls(a.final_issued_on, a.not_issued_notice_on, a.withdrawn_on, CASE WHEN a.decision = 'N' THEN a.decided_on END) = 0
      OR EXISTS (SELECT 1 FROM advice_request q WHERE q.assessment_id = a.id AND q.advice_type = 'HEALTH' AND q.due_on > ${AS_AT} - ${TIMELINESS_PERIOD_DAYS}))
  GROUP BY a.child_id) clocks)`;

const DONE: readonly Timeliness[] = ['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION'];

function clockInput(a: ClockJson): ClockAssessment {
  return {
    requestReceivedOn: a.r,
    decision: a.d,
    decidedOn: a.dd,
    draftIssuedOn: a.dr,
    finalIssuedOn: a.f,
    notIssuedNoticeOn: a.n,
    withdrawnOn: a.w,
    exceptions: a.e.map((e) => ({ id: e.i, kind: e.k, startOn: e.s, endOn: e.t, adviceRequestId: e.q })),
    adviceRequests: a.q.map((q) => ({ id: q.i, adviceType: 'HEALTH', requestedOn: q.o, receivedOn: q.v, sufficientExisting: q.x })),
  };
}

/**
 * SQL of the whole timeliness section's input: the assessment clock lines (for `timeliness`), a
 * record separator (never in JSON text or a pseudonym), then the review clock lines (for
 * `reviewTimeliness`, commissioning-review-timeliness.ts); a part not asked for is empty, so a
 * measure pays only for the clock it needs.
 */
export function timelinessInputSql(requested: readonly string[]): string {
  const part = (field: string, sql: string) => (requested.includes(field) ? sql : "''");
  return `(${part('timeliness', CLOCK_LINES_SQL)} || chr(30) || ${part('reviewTimeliness', REVIEW_LINES_SQL)})`;
}

/**
 * The timeliness lines (TIMELINESS_FIELDS): `pseudonym|plan|advice|reviews|transfers`, plan one
 * digit (index into TIMELINESS) or empty, advice one digit per request for health advice, reviews
 * one per annual review meeting due in the period, transfers one per phase transfer whose deadline
 * fell in it; children with none of them are left out.
 */
export function timelinessLines(input: string, asAt: string): string {
  const [clockLines, reviewLines] = input.split('\u001e');
  const reviews = reviewDeadlineDigits(reviewLines ?? '', asAt);
  const out: string[] = [];
  for (const [pseudonym, { plan, advice }] of assessmentDigits(clockLines, asAt)) {
    const r = reviews.get(pseudonym);
    reviews.delete(pseudonym);
    out.push(`${pseudonym}|${plan}|${advice}|${r?.reviews ?? ''}|${r?.transfers ?? ''}`);
  }
  for (const [pseudonym, r] of reviews) out.push(`${pseudonym}|||${r.reviews}|${r.transfers}`);
  return out.join('\n');
}

/** Per pseudonym, the assessment clock's digits: the final plan counted and each request for health advice. */
function assessmentDigits(clockLines: string, asAt: string): Map<string, { plan: string; advice: string }> {
  const periodStart = addDays(asAt, 1 - TIMELINESS_PERIOD_DAYS);
  return digitsPerPseudonym(clockLines, (assessments: ClockJson[]) => {
    let plan = '';
    let advice = '';
    for (const a of assessments) {
      const input = clockAsAt(clockInput(a), asAt);
      if (!input) continue;
      const clock = evaluateAssessment(input, asAt);
      const f = clock.finalPlan;
      const issuedInPeriod = DONE.includes(f.timeliness) && f.doneOn! >= periodStart;
      // Oldest first, so the latest assessment that counts is the one kept.
      if (issuedInPeriod || (!DONE.includes(f.timeliness) && (PLAN_OUTCOMES as readonly Timeliness[]).includes(f.timeliness)))
        plan = timelinessDigit(f.timeliness);
      for (const c of clock.advice) {
        if (c.dueOn >= periodStart && c.dueOn <= asAt && (ADVICE_OUTCOMES as readonly Timeliness[]).includes(c.timeliness))
          advice += timelinessDigit(c.timeliness);
      }
    }
    return { plan, advice };
  });
}

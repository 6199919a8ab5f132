// The assessment as the family sees it: where the EHC needs assessment is, the next statutory
// deadline in weeks, each step with its date, who has been asked for advice and whether they have
// replied (yes or no: the advice itself is the adviser's and is not shown here), late steps named.
// After the plan, its annual reviews' deadlines (PlanReviews). The deadlines are the API's (the web
// app never recomputes the clock).
import { Navigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { FAMILY_ASSESSMENT } from './family-query';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { AGENCY_WORDS } from './consent-words';
import { errorsOf, withheldReason } from '../api/errors';
import { Withheld } from '../child/Withheld';
import { SummaryList } from '../govuk/SummaryList';
import { Table } from '../govuk/Table';
import { WarningText } from '../govuk/WarningText';
import { Tag, words } from '../govuk/Tag';
import { isUnderWay, longDate, nextDeadline, STEP_NAMES } from '../assessment/clock';
import { usePageTitle } from '../app/usePageTitle';
import { deadlineSentence, isLate, TIMELINESS_WORDS } from './deadline-words';
import { PlanReviews } from './PlanReviews';
import { Loading } from '../govuk/Loading';

const STATUS_WORDS: Record<string, string> = {
  AWAITING_DECISION: 'The council is deciding whether to assess',
  ASSESSING: 'The council is assessing and gathering advice',
  DRAFT: 'A draft plan has been issued: you can comment on it',
  FINAL: 'The final EHC plan has been issued',
  NOT_ISSUED: 'The council decided not to issue a plan',
  NOT_ASSESSED: 'The council decided not to assess',
  WITHDRAWN: 'The request was withdrawn',
};

export function AssessmentTracker() {
  usePageTitle('Assessment and reviews');
  const child = useFamilyChild();
  const { data, loading, error } = useQuery(FAMILY_ASSESSMENT, { variables: { id: child?.childId ?? '' }, skip: !child });
  if (!child) return <Navigate to="/family" replace />;
  const errors = errorsOf(error);
  const withheld = withheldReason(errors, ['child', 'education']) ?? withheldReason(errors, ['child']);
  const assessments: any[] = data?.child?.education?.assessments ?? [];
  const a = assessments.find(isUnderWay) ?? assessments[0];
  const plan = data?.child?.education?.ehcPlan;
  const next = a ? nextDeadline(a) : null;
  const steps = a ? [a.decisionStep, a.notIssuedNoticeStep, a.finalPlanStep].filter((s: any) => s.timeliness !== 'NOT_APPLICABLE') : [];
  const late = a
    ? [
        ...steps.filter((s: any) => isLate(s.timeliness)).map((s: any) => STEP_NAMES[s.step]),
        ...a.adviceRequests.filter((r: any) => isLate(r.timeliness)).map((r: any) => `${words(r.adviceType)} advice (${r.organisation})`),
      ]
    : [];
  return (
    <>
      <ChildHeader child={child} title="EHC needs assessment and plan reviews" current="/family/assessment" />
      {loading && <Loading />}
      {withheld && (
        <p className="govuk-body">
          <Withheld reason={withheld} />
        </p>
      )}
      {!loading && !withheld && !a && (
        <p className="govuk-body" id="no-assessment">
          There is no EHC needs assessment for your child on record.
        </p>
      )}
      {a && (
        <>
          <div className="govuk-inset-text" id="where-it-is">
            <p className="govuk-body govuk-!-font-weight-bold">{STATUS_WORDS[a.status] ?? words(a.status)}.</p>
            {next && (
              <p className="govuk-body" id="next-deadline">
                {deadlineSentence(next)}
              </p>
            )}
          </div>
          {late.length > 0 && <WarningText id="late-steps">Late: {late.join('; ')}. You can ask the council's SEN team why.</WarningText>}
          <SummaryList
            rows={[
              { key: 'Request received', value: longDate(a.requestReceivedOn) },
              {
                key: 'Decision whether to assess',
                value: a.decidedOn
                  ? `${a.decision === 'Y' ? 'To assess' : a.decision === 'N' ? 'Not to assess' : words(a.decision)}, on ${longDate(a.decidedOn)}`
                  : `Due by ${longDate(a.decisionStep.dueOn)} (6 weeks)`,
              },
              ...(a.draftIssuedOn ? [{ key: 'Draft plan issued', value: longDate(a.draftIssuedOn) }] : []),
              {
                key: 'Final plan',
                value: a.finalIssuedOn
                  ? `Issued on ${longDate(a.finalIssuedOn)}`
                  : `Due by ${longDate(a.finalPlanStep.dueOn)} (20 weeks from the request)`,
              },
            ]}
          />
          <h2 className="govuk-heading-m">The 20-week timeline</h2>
          <Table
            caption="Each step, the date the law sets for it, and where it is"
            head={['Step', 'Due by', 'Done', 'Where it is']}
            rows={steps.map((s: any) => [
              STEP_NAMES[s.step],
              longDate(s.dueOn),
              s.doneOn ? longDate(s.doneOn) : 'Not yet',
              <Tag code={s.timeliness} text={TIMELINESS_WORDS[s.timeliness] ?? words(s.timeliness)} />,
            ])}
          />
          <h2 className="govuk-heading-m">Advice asked for</h2>
          <p className="govuk-body">
            Each organisation has 6 weeks to reply. This page says only whether they have; the advice itself is shared with you by the
            council.
          </p>
          {a.adviceRequests.length ? (
            <Table
              caption="Who has been asked for advice, and whether they have replied"
              head={['Advice', 'Asked', 'Due by', 'Replied']}
              rows={a.adviceRequests.map((r: any) => [
                `${words(r.adviceType)}: ${r.organisation} (${AGENCY_WORDS[r.agency as keyof typeof AGENCY_WORDS] ?? r.agency})`,
                longDate(r.requestedOn),
                longDate(r.dueOn),
                r.receivedOn ? (
                  `Yes, on ${longDate(r.receivedOn)}`
                ) : r.status === 'SUFFICIENT_EXISTING' ? (
                  'Not needed: earlier advice is still sufficient'
                ) : isLate(r.timeliness) ? (
                  <strong>No: late</strong>
                ) : (
                  'Not yet'
                ),
              ])}
            />
          ) : (
            <p className="govuk-body">Nobody has been asked for advice yet.</p>
          )}
        </>
      )}
      {plan && (
        <section aria-labelledby="plan-reviews">
          <h2 className="govuk-heading-m" id="plan-reviews">
            Annual reviews of the EHC plan
          </h2>
          <PlanReviews plan={plan} />
        </section>
      )}
    </>
  );
}

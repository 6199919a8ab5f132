// The EHC coordinator's page for one child's needs assessment: open one, record the decision, ask
// for advice and see each request's clock, record exceptions, the draft and the final plan.
import { Link, Navigate, useLocation } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { ASSESSMENTS, DECIDE, DRAFT, FINAL, NOT_TO_ISSUE, OPEN, RECEIVED } from './assessment-query';
import { errorsOf, withheldReason } from '../api/errors';
import { isUnderWay, longDate } from './clock';
import { Timeline } from './Timeline';
import { DateActionForm } from './forms/DateActionForm';
import { RequestAdviceForm } from './forms/RequestAdviceForm';
import { ExceptionForm } from './forms/ExceptionForm';
import { SummaryList } from '../govuk/SummaryList';
import { Table } from '../govuk/Table';
import { Tag, words } from '../govuk/Tag';
import { Radios } from '../govuk/Radios';
import { Withheld } from '../child/Withheld';
import { useSession } from '../auth/session';
import { usePageTitle } from '../app/usePageTitle';
import { useState } from 'react';
import { FamilyStoryFor } from '../family/FamilyStoryFor';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';

/** The dated steps the coordinator records at each stage: the draft or the notice while assessing, then the final plan. */
const STEP_FORMS: Record<
  string,
  { id: string; title: string; dateLabel: string; button: string; mutation: 'draft' | 'final' | 'notIssue'; done: string }[]
> = {
  ASSESSING: [
    {
      id: 'record-draft',
      title: 'Draft plan issued',
      dateLabel: 'Date the draft was issued',
      button: 'Record draft plan',
      mutation: 'draft',
      done: 'Draft plan recorded',
    },
    {
      id: 'record-not-issue',
      title: 'Notice that no plan will be issued',
      dateLabel: 'Date of the notice',
      button: 'Record notice',
      mutation: 'notIssue',
      done: 'Notice recorded',
    },
  ],
  DRAFT: [
    {
      id: 'record-final',
      title: 'Final plan issued',
      dateLabel: 'Date the final plan was issued',
      button: 'Record final plan',
      mutation: 'final',
      done: 'Final plan recorded',
    },
  ],
};

export function AssessmentPage() {
  usePageTitle('EHC needs assessment');
  const childId = (useLocation().state as { childId?: string } | null)?.childId;
  const { user } = useSession();
  const { data, error, loading, refetch } = useQuery(ASSESSMENTS, { variables: { id: childId ?? '' }, skip: !childId });
  const [open] = useMutation(OPEN);
  const [decide] = useMutation(DECIDE);
  const [draft] = useMutation(DRAFT);
  const [final] = useMutation(FINAL);
  const [notIssue] = useMutation(NOT_TO_ISSUE);
  const [received] = useMutation(RECEIVED);
  const recordStep = { draft, final, notIssue };
  const [decision, setDecision] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  if (!childId) return <Navigate to="/caseload" replace />;
  const errors = errorsOf(error);
  const e = data?.child?.education;
  const name = e ? [e.givenName, e.familyName].filter(Boolean).join(' ') : '';
  const assessments: any[] = e?.assessments ?? [];
  const current = assessments.find(isUnderWay);
  // The one under way, or else the newest: a finished assessment's clock is still worth seeing.
  const shown = current ?? assessments[0];
  const done = (what: string) => () => {
    setSaved(what);
    void refetch();
  };
  const withheld = withheldReason(errors, ['child', 'education']);
  return (
    <>
      <Link to="/child" state={{ id: childId }} className="govuk-back-link">
        Back to joint view
      </Link>
      <span className="govuk-caption-l">{name}</span>
      <h1 className="govuk-heading-l">EHC needs assessment</h1>
      {loading && <Loading />}
      {withheld && (
        <p className="govuk-body">
          <Withheld reason={withheld} />
        </p>
      )}
      {saved && <SuccessBanner id="saved-title">{saved}</SuccessBanner>}
      {!loading && e && !current && (
        <DateActionForm
          id="open-assessment"
          title="Open a needs assessment"
          dateLabel="Date the request was received"
          button="Open assessment"
          onSend={(on) => open({ variables: { childId, on } })}
          onDone={done('Assessment opened')}
        />
      )}
      {shown && (
        <>
          {!current && <h2 className="govuk-heading-m">Latest assessment</h2>}
          <SummaryList
            rows={[
              { key: 'Status', value: <Tag code={shown.status} text={words(shown.status)} /> },
              { key: 'Request received', value: longDate(shown.requestReceivedOn) },
              {
                key: 'Decision',
                value: shown.decidedOn
                  ? `${shown.decision === 'Y' ? 'Assess' : shown.decision === 'N' ? 'Do not assess' : words(shown.decision)} on ${longDate(shown.decidedOn)}`
                  : `Due by ${longDate(shown.decisionStep.dueOn)}`,
              },
              { key: 'Final plan due', value: longDate(shown.finalPlanStep.dueOn) },
              { key: 'Headline', value: <Tag code={shown.timeliness} /> },
            ]}
          />
          <Timeline assessment={shown} />
          <h2 className="govuk-heading-m">Requests for advice</h2>
          {shown.adviceRequests.length ? (
            <Table
              caption="Advice requested for this assessment"
              head={['Advice', 'Organisation', 'Requested', 'Due', 'Status', 'Received']}
              rows={shown.adviceRequests.map((r: any) => [
                words(r.adviceType),
                r.organisation,
                longDate(r.requestedOn),
                longDate(r.dueOn),
                <>
                  <Tag code={r.status} />{' '}
                  <Tag
                    code={r.timeliness}
                    text={
                      r.daysOverdue
                        ? `${r.daysOverdue} days overdue`
                        : r.daysRemaining != null
                          ? `${r.daysRemaining} days left`
                          : words(r.timeliness)
                    }
                  />
                </>,
                r.receivedOn ? `${longDate(r.receivedOn)}${r.receivedVersion ? ` (version ${r.receivedVersion})` : ''}` : 'Not yet',
              ])}
            />
          ) : (
            <p className="govuk-body">No advice requested yet.</p>
          )}
        </>
      )}
      {!loading && e && <FamilyStoryFor childId={childId} />}
      {current && (
        <>
          <h2 className="govuk-heading-m">Record a step</h2>
          {current.status === 'AWAITING_DECISION' && (
            <DateActionForm
              id="record-decision"
              title="Decision whether to assess"
              dateLabel="Date of the decision"
              button="Record decision"
              extra={
                <Radios
                  id="decision"
                  legend="Decision"
                  small
                  value={decision}
                  onChange={setDecision}
                  options={[
                    { value: 'Y', text: 'Assess' },
                    { value: 'N', text: 'Do not assess' },
                    { value: 'W', text: 'Request withdrawn' },
                  ]}
                />
              }
              extraValid={() => (decision ? null : { field: 'decision', message: 'Select the decision' })}
              onSend={(on) => decide({ variables: { id: current.id, decision, on } })}
              onDone={done('Decision recorded')}
            />
          )}
          {current.status === 'ASSESSING' && (
            <RequestAdviceForm assessmentId={current.id} la={user?.org ?? 'LA937'} onDone={done('Advice requested')} />
          )}
          {current.adviceRequests
            .filter((r: any) => r.agency === 'EDUCATION' && r.status === 'OUTSTANDING')
            .map((r: any) => (
              <DateActionForm
                key={r.id}
                id={`received-${r.id}`}
                title={`${words(r.adviceType)} advice received (${r.organisation})`}
                dateLabel="Date received"
                button="Record advice received"
                onSend={(on) => received({ variables: { id: r.id, on } })}
                onDone={done('Advice recorded as received')}
              />
            ))}
          {(STEP_FORMS[current.status] ?? []).map((f) => (
            <DateActionForm
              key={f.id}
              id={f.id}
              title={f.title}
              dateLabel={f.dateLabel}
              button={f.button}
              onSend={(on) => recordStep[f.mutation]({ variables: { id: current.id, on } })}
              onDone={done(f.done)}
            />
          ))}
          <ExceptionForm assessmentId={current.id} requests={current.adviceRequests} onDone={done('Exception recorded')} />
        </>
      )}
      {assessments.filter((a) => a !== shown).length > 0 && (
        <>
          <h2 className="govuk-heading-m">Earlier assessments</h2>
          <Table
            caption="Earlier assessments"
            head={['Request received', 'Outcome', 'Timeliness']}
            rows={assessments
              .filter((a) => a !== shown)
              .map((a) => [longDate(a.requestReceivedOn), words(a.status), <Tag code={a.timeliness} />])}
          />
        </>
      )}
    </>
  );
}

// The family's correction requests for one child: each with where it stands and the agency's answer.
import { Link, Navigate, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { CORRECTIONS } from '../family-query';
import { useFamilyChild } from '../child-state';
import { ChildHeader } from '../ChildHeader';
import { AGENCY_WORDS, CATEGORY_WORDS } from '../consent-words';
import { STATUS_COLOUR, STATUS_WORDS } from './draft';
import { SummaryList } from '../../govuk/SummaryList';
import { firstError } from '../../api/errors';
import { longDate } from '../../assessment/clock';
import { usePageTitle } from '../../app/usePageTitle';
import { SuccessBanner } from '../../govuk/SuccessBanner';
import { Loading } from '../../govuk/Loading';

export function Corrections() {
  usePageTitle('Corrections');
  const child = useFamilyChild();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const { data, loading, error } = useQuery(CORRECTIONS, {
    variables: { id: child?.childId ?? '' },
    skip: !child,
    fetchPolicy: 'network-only',
  });
  if (!child) return <Navigate to="/family" replace />;
  const requests: any[] = data?.child?.correctionRequests ?? [];
  return (
    <>
      <ChildHeader child={child} title="Corrections" current="/family/corrections" />
      {notice && <SuccessBanner id="notice-title">{notice}</SuccessBanner>}
      <p className="govuk-body">
        If something in your child's record is wrong, ask the organisation that holds it to put it right, in your own words. They will
        accept or decline it, and say why if they decline. Their record is not changed by your request itself.
      </p>
      <Link to="/family/corrections/new" state={child} className="govuk-button" id="new-correction" role="button" draggable={false}>
        Ask for a correction
      </Link>
      {loading && <Loading />}
      {!loading && !data?.child && error && <p className="govuk-body">Your requests could not be loaded: {firstError(error)?.message}.</p>}
      {data?.child && !requests.length && (
        <p className="govuk-body" id="no-corrections">
          You have not asked for any corrections.
        </p>
      )}
      {requests.length > 0 && (
        <>
          <h2 className="govuk-heading-m" id="requests-title">
            Your requests, newest first
          </h2>
          <ol className="govuk-list" aria-labelledby="requests-title">
            {requests.map((r) => (
              <li className="govuk-summary-card app-correction" key={r.id}>
                <div className="govuk-summary-card__title-wrapper">
                  <h3 className="govuk-summary-card__title">
                    {AGENCY_WORDS[r.agency as keyof typeof AGENCY_WORDS]}: {CATEGORY_WORDS[r.category]}{' '}
                    <strong className={`govuk-tag govuk-tag--${STATUS_COLOUR[r.status]}`}>{STATUS_WORDS[r.status]}</strong>
                  </h3>
                </div>
                <div className="govuk-summary-card__content">
                  <SummaryList
                    rows={[
                      { key: 'Asked on', value: longDate(r.requestedAt) },
                      ...(r.about ? [{ key: 'Where in the record', value: r.about }] : []),
                      { key: 'What is wrong', value: <span className="app-pre-line">{r.whatIsWrong}</span> },
                      ...(r.whatItShouldSay
                        ? [{ key: 'What it should say', value: <span className="app-pre-line">{r.whatItShouldSay}</span> }]
                        : []),
                      ...(r.status !== 'OPEN'
                        ? [
                            {
                              key: r.status === 'DECLINED' ? 'Why it was declined' : 'What they did',
                              value: `${r.answer ?? 'No note given'} (${r.answeredOrg}, ${longDate(r.answeredAt)})`,
                            },
                          ]
                        : []),
                    ]}
                  />
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

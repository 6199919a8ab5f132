// A child's audit trail across every agency: who, when, for what purpose, what was disclosed or refused.
import { Link, Navigate, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { AUDIT_TRAIL } from './privacy-query';
import { Table } from '../govuk/Table';
import { Tag, words } from '../govuk/Tag';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

const SOURCES: [string, string][] = [
  ['education', 'Education'],
  ['health', 'Health'],
  ['socialCare', 'Social care'],
  ['governance', 'Governance'],
];

export function AuditTrail() {
  usePageTitle('Audit trail');
  const childId = (useLocation().state as { childId?: string } | null)?.childId;
  const { data, loading } = useQuery(AUDIT_TRAIL, { variables: { childId: childId ?? '' }, skip: !childId });
  if (!childId) return <Navigate to="/privacy" replace />;
  const trail = data?.auditTrail;
  const rows = trail
    ? SOURCES.flatMap(([field, source]) => (trail[field] ?? []).map((e: any) => ({ ...e, source })))
        .sort((a: any, b: any) => b.at.localeCompare(a.at))
        .slice(0, 200)
    : [];
  return (
    <>
      <Link to="/privacy" className="govuk-back-link">
        Back to reviews
      </Link>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every disclosure and refusal of this child's records, newest first (up to 200), as each agency recorded it.
      </p>
      {loading && <Loading />}
      {trail && (
        <Table
          caption="Who saw what"
          head={['When', 'Who', 'Purpose', 'Recorded by', 'What']}
          rows={rows.map((e: any) => [
            new Date(e.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
            <>
              {e.actorSub} ({e.actorOrg})
              {e.breakGlass && (
                <>
                  {' '}
                  <Tag code="OVERDUE" text="Break glass" />
                </>
              )}
            </>,
            words(e.purpose),
            e.source,
            <ul className="govuk-list govuk-!-font-size-16">
              {e.entries.map((x: any, i: number) => (
                <li key={i}>
                  {words(x.category)}: {x.decision.toLowerCase()}
                  {x.reason ? ` (${words(x.reason).toLowerCase()})` : ''}
                </li>
              ))}
            </ul>,
          ])}
        />
      )}
    </>
  );
}

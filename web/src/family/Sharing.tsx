// Sharing: every consent on record for the child, in plain English, newest first; withdrawn ones
// stay listed and marked. Withdrawing goes through a confirmation step; a new one has its own form.
import { Link, Navigate, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { CONSENTS } from './family-query';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { ConsentCard } from './ConsentCard';
import { firstError, withheldReason, errorsOf } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';

export function Sharing() {
  usePageTitle('Sharing');
  const child = useFamilyChild();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const { data, loading, error } = useQuery(CONSENTS, { variables: { childId: child?.childId ?? '' }, skip: !child });
  if (!child) return <Navigate to="/family" replace />;
  const consents: any[] = data?.consents ?? [];
  const refused = withheldReason(errorsOf(error), ['consents']);
  return (
    <>
      {notice && <SuccessBanner id="sharing-notice">{notice}</SuccessBanner>}
      <ChildHeader child={child} title="Sharing" current="/family/sharing" />
      <p className="govuk-body">
        Professionals see your child's records only as you agree here, for the reasons you choose. A change counts from their very next
        look. Nothing is deleted: withdrawn agreements stay listed.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button govuk-button--secondary" id="new-consent" to="/family/sharing/new" state={child}>
          Give a new agreement to share
        </Link>
      </p>
      {loading && <Loading />}
      {refused && <p className="govuk-body">You cannot see this child's agreements: {firstError(error)?.message}</p>}
      {!loading && !refused && !consents.length && (
        <p className="govuk-body">No agreement to share is on record: professionals see only their own agency's records.</p>
      )}
      {consents.map((c) => (
        <ConsentCard key={c.id} consent={c} child={child} />
      ))}
    </>
  );
}

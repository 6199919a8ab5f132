// Confirmation: the request is sent; what happens next.
import { Link, Navigate, useLocation } from 'react-router';
import { useEffect } from 'react';
import { useFamilyChild } from '../child-state';
import { correctionDrafts } from './draft';
import { AGENCY_WORDS } from '../consent-words';
import { usePageTitle } from '../../app/usePageTitle';

export function CorrectionDone() {
  usePageTitle('Request sent');
  const child = useFamilyChild();
  const agency = (useLocation().state as { agency?: keyof typeof AGENCY_WORDS } | null)?.agency;
  useEffect(() => {
    if (child) correctionDrafts.drop(child.childId);
  }, [child?.childId]);
  if (!child) return <Navigate to="/family" replace />;
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Request sent</h1>
        <div className="govuk-panel__body">to {agency ? AGENCY_WORDS[agency] : 'the organisation'}</div>
      </div>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        A professional there who works with your child will look at it and accept or decline it. If they decline, they will say why.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/family/corrections" state={child}>
          See your requests
        </Link>
      </p>
    </>
  );
}

import { useEffect } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { draftStore } from './drafts';
import { AGENCY, type AdviceAgency } from './agency';
import { usePageTitle } from '../app/usePageTitle';

export function Confirmation() {
  usePageTitle('Advice submitted');
  const st = useLocation().state as { version?: number; childLabel?: string; agency?: AdviceAgency; requestId?: string } | null;
  useEffect(() => {
    if (st?.requestId) draftStore.drop(st.requestId);
  }, [st?.requestId]);
  if (!st?.version) return <Navigate to="/advice" replace />;
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Advice submitted</h1>
        <div className="govuk-panel__body">Version {st.version}</div>
      </div>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        The local authority's EHC coordinator sees your {AGENCY[st.agency ?? 'HEALTH'].title} advice for {st.childLabel} as received. It
        informs the draft EHC plan. If something changes, amend your advice: a new version is kept beside this one.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/advice">
          Back to requests for advice
        </Link>
      </p>
    </>
  );
}

// The confirmation step before withdrawing: withdrawal counts from the professionals' very next
// look, so the page says exactly what stops, and asks once more.
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { WITHDRAW } from './family-query';
import type { FamilyChild } from './child-state';
import { ConsentCard } from './ConsentCard';
import { firstError } from '../api/errors';
import { refusalWords } from './refusal';
import { usePageTitle } from '../app/usePageTitle';
import { ProblemSummary } from '../govuk/ErrorSummary';
import { useSingleFlight } from './useSingleFlight';
import { WarningText } from '../govuk/WarningText';

export function WithdrawConsent() {
  usePageTitle('Withdraw an agreement to share');
  const st = useLocation().state as (FamilyChild & { consent?: any }) | null;
  const navigate = useNavigate();
  const [withdraw] = useMutation(WITHDRAW);
  const [busy, once] = useSingleFlight();
  const [problem, setProblem] = useState<string | null>(null);
  if (!st?.consent) return <Navigate to="/family" replace />;
  const child = { childId: st.childId, childName: st.childName };
  const go = () =>
    once(async () => {
      try {
        const res = await withdraw({ variables: { id: st.consent.id } });
        if (!res.data?.withdrawConsent) return setProblem(refusalWords(firstError(res.error)));
        navigate('/family/sharing', { replace: true, state: { ...child, notice: 'The agreement is withdrawn. It no longer counts.' } });
      } catch {
        setProblem('The agreement could not be withdrawn. Try again.');
      }
    });
  return (
    <>
      <Link to="/family/sharing" state={child} className="govuk-back-link">
        Back
      </Link>
      <ProblemSummary title="The agreement was not withdrawn" message={problem} />
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">Are you sure you want to withdraw this agreement?</h1>
      <ConsentCard consent={st.consent} child={child} actions={false} />
      <WarningText>
        From the next time they look, professionals who relied on it will no longer see what it allowed. It stays listed as withdrawn. To
        share again, give a new agreement.
      </WarningText>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--warning" id="confirm-withdraw" disabled={busy} onClick={go}>
          Yes, withdraw it
        </button>
        <Link className="govuk-link" to="/family/sharing" state={child}>
          No, keep it
        </Link>
      </div>
    </>
  );
}

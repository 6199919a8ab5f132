// Check your answers, then submit once. The idempotency key is made when this content is first
// submitted and kept with the draft, so a double click, a retry after a network failure or after
// signing in again all send the same key, and the API applies the submission once.
import { useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { AGENCY, amendMutation, submitMutation } from './agency';
import { draftStore, lines } from './drafts';
import { ChangeLink } from '../govuk/ChangeLink';
import { fieldOfArgument } from './validate';
import { isoDate } from '../govuk/DateInput';
import { SummaryList } from '../govuk/SummaryList';
import { badInput, errorsOf, firstError } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { ProblemSummary } from '../govuk/ErrorSummary';

/** A multi-line answer as the list it will be sent as (one item a line). */
function LineList({ text }: { text: string }) {
  return (
    <ul className="govuk-list">
      {lines(text).map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

export function CheckAnswers() {
  usePageTitle('Check your answers');
  const requestId = (useLocation().state as { requestId?: string } | null)?.requestId;
  const navigate = useNavigate();
  const draft = requestId ? draftStore.get(requestId) : undefined;
  const names = AGENCY[draft?.agency ?? 'HEALTH'];
  const [submit] = useMutation(submitMutation(names));
  const [amend] = useMutation(amendMutation(names));
  const [busy, setBusy] = useState(false);
  // A ref, not only state: the second click of a double click arrives before React re-renders.
  const inFlight = useRef(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!draft) return <Navigate to="/advice" replace />;
  // Back to the form, for this request and child, as the form was opened.
  const form = {
    requestId: draft.requestId,
    agency: draft.agency,
    childId: draft.childId,
    childLabel: draft.childLabel,
    amend: !!draft.adviceId,
  };
  const change = (field: string) => <ChangeLink field={field} label={field} to="/advice/form" state={form} />;
  const send = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    const key = draft.idempotencyKey ?? crypto.randomUUID();
    draftStore.save({ ...draft, idempotencyKey: key });
    const input = {
      idempotencyKey: key,
      needs: lines(draft.needs),
      outcomes: lines(draft.outcomes),
      provision: lines(draft.provision).map((description) => ({ section: draft.provisionSection, description })),
      authorName: draft.authorName.trim(),
      authorRole: draft.authorRole.trim(),
      adviceDate: isoDate(draft.adviceDate, '').iso,
    };
    try {
      const res = draft.adviceId
        ? await amend({ variables: { adviceId: draft.adviceId, input } })
        : await submit({ variables: { input: { ...input, requestId: draft.requestId } } });
      const bad = badInput(errorsOf(res.error));
      if (bad) {
        // Back to the form with the message next to the field; what was typed is kept in the draft.
        navigate('/advice/form', {
          state: {
            requestId: draft.requestId,
            agency: draft.agency,
            childId: draft.childId,
            childLabel: draft.childLabel,
            amend: !!draft.adviceId,
            errors: [{ field: fieldOfArgument(bad.argument), message: bad.message }],
          },
        });
        return;
      }
      if (!res.data?.advice) {
        setProblem(firstError(res.error)?.message ?? 'The advice could not be submitted. Try again: it will not be sent twice.');
        return;
      }
      // The confirmation page forgets the draft (dropping it here would re-render this page without one).
      navigate('/advice/done', {
        replace: true,
        state: { version: res.data.advice.version, childLabel: draft.childLabel, agency: draft.agency, requestId: draft.requestId },
      });
    } catch {
      setProblem('The advice could not be submitted. Try again: it will not be sent twice.');
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <Link to="/advice/form" state={form} className="govuk-back-link">
        Back
      </Link>
      <ProblemSummary message={problem} />
      <span className="govuk-caption-l">{draft.childLabel}</span>
      <h1 className="govuk-heading-l">Check your answers before submitting your advice</h1>
      <SummaryList
        rows={[
          {
            key: `Needs (section ${names.needsSection})`,
            value: <LineList text={draft.needs} />,
            action: change('needs'),
          },
          {
            key: 'Outcomes (section E)',
            value: <LineList text={draft.outcomes} />,
            action: change('outcomes'),
          },
          {
            key: `Provision (section ${draft.provisionSection})`,
            value: <LineList text={draft.provision} />,
            action: change('provision'),
          },
          { key: 'Your name', value: draft.authorName, action: change('author-name') },
          { key: 'Your role', value: draft.authorRole, action: change('author-role') },
          {
            key: 'Date of the advice',
            value: `${draft.adviceDate.day}/${draft.adviceDate.month}/${draft.adviceDate.year}`,
            action: change('advice-date'),
          },
        ]}
      />
      <h2 className="govuk-heading-m">Now send your advice</h2>
      <p className="govuk-body">
        By submitting you confirm the advice is accurate. It goes to the local authority's EHC coordinator
        {draft.adviceId ? ' as a new version; the earlier version is kept' : ''}. Advice cannot be edited once sent, only amended.
      </p>
      <button type="button" className="govuk-button" id="submit-advice" disabled={busy} aria-disabled={busy || undefined} onClick={send}>
        {busy ? 'Submitting…' : 'Submit advice'}
      </button>
    </>
  );
}

// Check your answers, then send once: the idempotency key is made on the first click and kept with
// the draft, so a double click or a retry sends one request.
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { REQUEST_CORRECTION } from '../family-query';
import { useFamilyChild } from '../child-state';
import { AGENCY_OPTIONS, CATEGORY_OPTIONS, correctionDrafts } from './draft';
import { refusalWords } from '../refusal';
import { SummaryList } from '../../govuk/SummaryList';
import { ProblemSummary } from '../../govuk/ErrorSummary';
import { badInput, errorsOf, firstError } from '../../api/errors';
import { useSingleFlight } from '../useSingleFlight';
import { ChangeLink } from '../../govuk/ChangeLink';
import { usePageTitle } from '../../app/usePageTitle';

const FIELD: Record<string, string> = {
  'input.agency': 'agency',
  'input.category': 'category',
  'input.about': 'about',
  'input.whatIsWrong': 'whatIsWrong',
  'input.whatItShouldSay': 'whatItShouldSay',
};

export function CorrectionCheck() {
  usePageTitle('Check your request');
  const child = useFamilyChild();
  const navigate = useNavigate();
  const [send] = useMutation(REQUEST_CORRECTION);
  const [busy, once] = useSingleFlight();
  const [problem, setProblem] = useState<string | null>(null);
  const draft = child ? correctionDrafts.get(child.childId) : undefined;
  if (!child || !draft) return <Navigate to="/family" replace />;
  const change = (field: string, label: string) => (
    <ChangeLink field={field} label={label.toLowerCase()} to="/family/corrections/new" state={child} />
  );
  const submit = () =>
    once(async () => {
      setProblem(null);
      const key = draft.idempotencyKey ?? crypto.randomUUID();
      correctionDrafts.save(child.childId, { ...draft, idempotencyKey: key });
      const input = {
        childId: child.childId,
        agency: draft.agency,
        category: draft.category,
        about: draft.about.trim() || null,
        whatIsWrong: draft.whatIsWrong.trim(),
        whatItShouldSay: draft.whatItShouldSay.trim() || null,
      };
      try {
        const res = await send({ variables: { input, key } });
        const bad = badInput(errorsOf(res.error));
        if (bad && FIELD[bad.argument])
          return void navigate('/family/corrections/new', {
            state: { ...child, errors: [{ field: FIELD[bad.argument], message: bad.message }] },
          });
        if (!res.data?.requestCorrection) return setProblem(refusalWords(firstError(res.error)));
        // The confirmation page forgets the draft (dropping it here would re-render this page without one).
        navigate('/family/corrections/done', { replace: true, state: { ...child, agency: draft.agency } });
      } catch {
        setProblem('Your request could not be sent. Try again: it will not be sent twice.');
      }
    });
  const agency = AGENCY_OPTIONS.find((o) => o.value === draft.agency)?.text ?? draft.agency;
  return (
    <>
      <Link to="/family/corrections/new" state={child} className="govuk-back-link">
        Back
      </Link>
      <ProblemSummary message={problem} />
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">Check your request before sending it</h1>
      <SummaryList
        rows={[
          { key: 'Who holds the record', value: agency, action: change('agency', 'who holds the record') },
          {
            key: 'Kind of information',
            value: CATEGORY_OPTIONS.find((o) => o.value === draft.category)?.text ?? draft.category,
            action: change('category', 'kind of information'),
          },
          { key: 'Where in the record', value: draft.about.trim() || 'Not given', action: change('about', 'where in the record') },
          {
            key: 'What is wrong',
            value: <span className="app-pre-line">{draft.whatIsWrong.trim()}</span>,
            action: change('whatIsWrong', 'what is wrong'),
          },
          {
            key: 'What it should say',
            value: draft.whatItShouldSay.trim() ? <span className="app-pre-line">{draft.whatItShouldSay.trim()}</span> : 'Not given',
            action: change('whatItShouldSay', 'what it should say'),
          },
        ]}
      />
      <h2 className="govuk-heading-m">Now send your request</h2>
      <p className="govuk-body">{agency} will see it and answer. You can see its answer on your corrections page.</p>
      <button
        type="button"
        className="govuk-button"
        id="send-correction"
        disabled={busy}
        aria-disabled={busy || undefined}
        onClick={submit}
      >
        {busy ? 'Sending…' : 'Send request'}
      </button>
    </>
  );
}

// Check your answers, then save once. The idempotency key is made on the first click and kept with
// the draft, so a double click, a retry or a retry after signing in again write one version.
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { WRITE_STORY } from './family-query';
import { useFamilyChild } from './child-state';
import { STORY_PARTS, fieldOf, storyDrafts } from './story-parts';
import { SummaryList } from '../govuk/SummaryList';
import { badInput, errorsOf, firstError } from '../api/errors';
import { ProblemSummary } from '../govuk/ErrorSummary';
import { useSingleFlight } from './useSingleFlight';
import { ChangeLink } from '../govuk/ChangeLink';
import { usePageTitle } from '../app/usePageTitle';

export function StoryCheck() {
  usePageTitle('Check your story');
  const child = useFamilyChild();
  const navigate = useNavigate();
  const [write] = useMutation(WRITE_STORY);
  const [busy, once] = useSingleFlight();
  const [problem, setProblem] = useState<string | null>(null);
  const draft = child ? storyDrafts.get(child.childId) : undefined;
  if (!child || !draft) return <Navigate to="/family" replace />;
  const change = (field: string, label: string) => (
    <ChangeLink field={field} label={label.toLowerCase()} to="/family/story" state={child} />
  );
  const send = () =>
    once(async () => {
      setProblem(null);
      const key = draft.idempotencyKey ?? crypto.randomUUID();
      storyDrafts.save(child.childId, { ...draft, idempotencyKey: key });
      const input: Record<string, string | null> = { childId: child.childId };
      for (const p of STORY_PARTS) input[p.key] = draft[p.key].trim() || null;
      try {
        const res = await write({ variables: { input, key } });
        const bad = badInput(errorsOf(res.error));
        if (bad) {
          navigate('/family/story', { state: { ...child, errors: [{ field: fieldOf(bad.argument), message: bad.message }] } });
          return;
        }
        if (!res.data?.story) {
          setProblem(firstError(res.error)?.message ?? 'Your story could not be saved. Try again: it will not be saved twice.');
          return;
        }
        // The confirmation page forgets the draft (dropping it here would re-render this page without one).
        navigate('/family/story/done', { replace: true, state: { ...child, version: res.data.story.version } });
      } catch {
        setProblem('Your story could not be saved. Try again: it will not be saved twice.');
      }
    });
  return (
    <>
      <Link to="/family/story" state={child} className="govuk-back-link">
        Back
      </Link>
      <ProblemSummary message={problem} />
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">Check your story before saving it</h1>
      <SummaryList
        rows={STORY_PARTS.map((p) => ({
          key: p.label,
          value: draft[p.key].trim() ? <span className="app-pre-line">{draft[p.key].trim()}</span> : 'Not written',
          action: change(p.key, p.label),
        }))}
      />
      <h2 className="govuk-heading-m">Now save your story</h2>
      <p className="govuk-body">
        It is saved as a new version; earlier versions are kept. Professionals you share it with can read it but not change it.
      </p>
      <button type="button" className="govuk-button" id="save-story" disabled={busy} aria-disabled={busy || undefined} onClick={send}>
        {busy ? 'Saving…' : 'Save your story'}
      </button>
    </>
  );
}

// My story (plan section A): the current version, the earlier ones, and a form for a new version
// (pre-filled with the current one). Continue checks it and goes to "Check your answers".
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { STORY_VERSIONS } from './family-query';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { STORY_PARTS, emptyStory, storyDrafts, storyProblems, type StoryDraft } from './story-parts';
import { StoryVersions } from './StoryVersions';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';
import { Form } from '../govuk/Form';

export function MyStory() {
  const child = useFamilyChild();
  const navigate = useNavigate();
  const returned = (useLocation().state as { errors?: FieldError[] } | null)?.errors;
  const [errors, setErrors] = useState<FieldError[]>(returned ?? []);
  const [draft, setDraft] = useState<StoryDraft | null>(() => (child ? (storyDrafts.get(child.childId) ?? null) : null));
  const { data, loading } = useQuery(STORY_VERSIONS, { variables: { childId: child?.childId ?? '' }, skip: !child });
  usePageTitle('Your story', errors.length > 0);
  const versions: any[] = data?.familyStoryVersions ?? [];
  useEffect(() => {
    if (draft || loading || !child) return;
    const current = versions[0];
    const d = emptyStory();
    if (current) for (const p of STORY_PARTS) d[p.key] = current[p.key] ?? '';
    setDraft(d);
  }, [draft, loading, versions, child]);
  if (!child) return <Navigate to="/family" replace />;
  const set = (patch: Partial<StoryDraft>) => {
    // New words are a new version: forget the key made for the old words.
    const next = { ...draft!, ...patch, idempotencyKey: undefined };
    setDraft(next);
    storyDrafts.save(child.childId, next);
  };
  const next = () => {
    const problems = storyProblems(draft!);
    setErrors(problems);
    if (problems.length) return;
    storyDrafts.save(child.childId, draft!);
    navigate('/family/story/check', { state: child });
  };
  return (
    <>
      <ErrorSummary errors={errors} />
      <ChildHeader child={child} title="Your story" current="/family/story" />
      <p className="govuk-body">
        Tell your story once. Professionals you agree to share with (see Sharing) read it in their own systems; they cannot change it. Each
        time you save, a new version is kept and the earlier ones stay.
      </p>
      {loading && <Loading />}
      {!loading && <StoryVersions versions={versions} />}
      {draft && (
        <Form onSubmit={next}>
          <h2 className="govuk-heading-m">{versions.length ? `Write version ${versions[0].version + 1}` : 'Write your story'}</h2>
          <p className="govuk-hint">Fill in any parts you want to. Each part can be up to 5,000 characters.</p>
          {STORY_PARTS.map((p) => (
            <Textarea
              key={p.key}
              id={p.key}
              label={p.label}
              hint={p.hint}
              value={draft[p.key]}
              onChange={(v) => set({ [p.key]: v })}
              error={errorFor(errors, p.key)}
              rows={4}
            />
          ))}
          <button type="submit" className="govuk-button" id="continue">
            Continue
          </button>
        </Form>
      )}
    </>
  );
}

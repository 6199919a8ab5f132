import { useEffect } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { storyDrafts } from './story-parts';
import { usePageTitle } from '../app/usePageTitle';
import type { FamilyChild } from './child-state';

export function StoryDone() {
  usePageTitle('Your story is saved');
  const st = useLocation().state as (FamilyChild & { version?: number }) | null;
  useEffect(() => {
    if (st?.childId) storyDrafts.drop(st.childId);
  }, [st?.childId]);
  if (!st?.version) return <Navigate to="/family" replace />;
  const child = { childId: st.childId, childName: st.childName };
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Your story is saved</h1>
        <div className="govuk-panel__body">Version {st.version}</div>
      </div>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        Professionals you share your story with (see Sharing) now read this version. You can write a new version at any time; this one is
        kept.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/family/story" state={child}>
          Back to your story
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/family">
          Back to your children
        </Link>
      </p>
    </>
  );
}

// The professionals' joint view: the family's own account (plan section A), read only, when the
// family's consent (FAMILY) allows it; otherwise said to be withheld, never silently left out.
import type { HubError } from '../api/errors';
import { withheldReason } from '../api/errors';
import { Withheld } from '../child/Withheld';
import { SummaryList } from '../govuk/SummaryList';
import { longDate } from '../assessment/clock';
import { STORY_PARTS } from './story-parts';

export function FamilyStorySection({ data, errors }: { data: any; errors: HubError[] }) {
  const story = data?.child?.familyStory;
  const reason = withheldReason(errors, ['child', 'familyStory']);
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby="family-story-title" id="family-story">
      <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id="family-story-title">
        In the family's own words
      </h2>
      <span className="govuk-caption-m app-source">Source: the family (EHC plan section A)</span>
      {story && (
        <>
          <p className="govuk-body">
            Version {story.version}, written by {story.writtenAs === 'YOUNG_PERSON' ? 'the young person' : 'a parent or carer'} on{' '}
            {longDate(story.writtenAt)}. Only the family can change it.
          </p>
          <SummaryList
            rows={STORY_PARTS.filter((p) => story[p.key]).map((p) => ({
              key: p.label,
              value: <span className="app-pre-line">{story[p.key]}</span>,
            }))}
          />
        </>
      )}
      {!story && reason && (
        <p className="govuk-body">
          <Withheld reason={reason} />
        </p>
      )}
      {!story && !reason && <p className="govuk-body">The family has not written their story yet.</p>}
    </section>
  );
}

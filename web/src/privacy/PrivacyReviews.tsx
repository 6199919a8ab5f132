// Privacy officer: break-glass accesses and claimed relationships awaiting review, each with a
// review action, and a way into each child's audit trail.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { BREAK_GLASS_EVENTS, REVIEW } from './privacy-query';
import { Checkboxes } from '../govuk/Checkboxes';
import { badInput, errorsOf } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { FindChild } from './FindChild';
import { ClaimReviews } from './ClaimReviews';
import { ReviewCard, ReviewForm } from './ReviewCard';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const OPTIONS = [
  { value: 'Justified', text: 'Justified' },
  { value: 'Not justified', text: 'Not justified: refer for follow-up' },
];

function BreakGlassReviewForm({ id, onDone }: { id: string; onDone: () => void }) {
  // Once reviewed, the stated reason is shown to the child's family in "who looked", unless saying it would cause serious harm.
  const [withhold, setWithhold] = useState<string[]>([]);
  const [review, { loading }] = useMutation(REVIEW);
  const send = async (outcome: string) => {
    const res = await review({ variables: { id, outcome, withheld: withhold.includes('yes') } });
    const bad = badInput(errorsOf(res.error));
    return bad || !res.data ? (bad?.message ?? 'The review could not be saved. Try again.') : undefined;
  };
  return (
    <ReviewForm
      prefix=""
      id={id}
      required="Select whether the access was justified"
      options={OPTIONS}
      send={send}
      busy={loading}
      onDone={onDone}
    >
      <Checkboxes
        id={`withhold-${id}`}
        legend="The family"
        hint="Once reviewed, the reason given is shown to the child's family in “who looked”."
        value={withhold}
        onChange={setWithhold}
        options={[{ value: 'yes', text: 'Do not show the reason to the family: it would cause serious harm' }]}
      />
    </ReviewForm>
  );
}

export function PrivacyReviews() {
  usePageTitle('Break-glass and relationship claim reviews');
  const { data, loading, refetch } = useQuery(BREAK_GLASS_EVENTS, { variables: { pendingOnly: true } });
  const [reviewed, setReviewed] = useState(0);
  const events: any[] = data?.breakGlassEvents ?? [];
  return (
    <>
      <h1 className="govuk-heading-l">Break-glass accesses awaiting review</h1>
      {reviewed > 0 && <SuccessBanner id="review-done">Review recorded</SuccessBanner>}
      {loading && <Loading />}
      {!loading && !events.length && (
        <p className="govuk-body" id="no-pending">
          No break-glass accesses are waiting for review.
        </p>
      )}
      {events.map((e, i) => (
        <ReviewCard
          key={e.id}
          heading="h2"
          title={`Access ${i + 1}: ${e.userSub} (${e.userOrg}), ${when(e.startedAt)}`}
          reason={e.reason}
          until={when(e.expiresAt)}
          childId={e.childId}
          trailLabel={`during access ${i + 1}`}
        >
          <BreakGlassReviewForm
            id={e.id}
            onDone={() => {
              setReviewed((n) => n + 1);
              void refetch();
            }}
          />
        </ReviewCard>
      ))}
      <ClaimReviews />
      <h2 className="govuk-heading-m">A child's audit trail</h2>
      <p className="govuk-body">From a break-glass access above, or by the child's NHS number.</p>
      <FindChild />
    </>
  );
}

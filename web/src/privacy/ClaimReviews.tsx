// Privacy officer: professionals' own claims to a relationship with a child, raised for review like
// break glass. Justified, the claim runs its days; not justified, it ends now and is referred on.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { RELATIONSHIP_CLAIMS, REVIEW_CLAIM } from './privacy-query';
import { firstError } from '../api/errors';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';
import { longDate } from '../assessment/clock';
import { words } from '../govuk/Tag';
import { ReviewCard, ReviewForm } from './ReviewCard';

const OPTIONS = [
  { value: 'Justified', text: 'Justified: the claim runs until it ends' },
  { value: 'Not justified', text: 'Not justified: end it now and refer for follow-up' },
];

function ClaimReviewForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [review, { loading }] = useMutation(REVIEW_CLAIM);
  const send = async (outcome: string, verdict: string) => {
    const res = await review({ variables: { id, outcome, endNow: verdict === 'Not justified' } });
    // A refusal (already reviewed, or the reviewer's own claim) says why; anything else, try again.
    const refused = firstError(res.error);
    return refused || !res.data ? (refused?.message ?? 'The review could not be saved. Try again.') : undefined;
  };
  return (
    <ReviewForm
      prefix="claim-"
      id={id}
      required="Select whether the claim was justified"
      options={OPTIONS}
      send={send}
      busy={loading}
      onDone={onDone}
    />
  );
}

export function ClaimReviews() {
  const { data, loading, refetch } = useQuery(RELATIONSHIP_CLAIMS);
  const [reviewed, setReviewed] = useState(0);
  const claims: any[] = data?.relationshipClaims ?? [];
  return (
    <>
      <h2 className="govuk-heading-l">Claimed relationships awaiting review</h2>
      {reviewed > 0 && <SuccessBanner id="claim-review-done">Review recorded</SuccessBanner>}
      {loading && <Loading />}
      {!loading && !claims.length && (
        <p className="govuk-body" id="no-pending-claims">
          No claimed relationships are waiting for review.
        </p>
      )}
      {claims.map((c, i) => (
        <ReviewCard
          key={c.id}
          id={`claim-${i + 1}`}
          heading="h3"
          title={`Claim ${i + 1}: ${c.userSub} (${words(c.agency)}, ${c.org}), from ${longDate(c.startDate)}`}
          reason={c.reason}
          until={c.endDate ? longDate(c.endDate) : 'No end date'}
          childId={c.childId}
          trailLabel={`under claim ${i + 1}`}
        >
          <ClaimReviewForm
            id={c.id}
            onDone={() => {
              setReviewed((n) => n + 1);
              void refetch();
            }}
          />
        </ReviewCard>
      ))}
    </>
  );
}

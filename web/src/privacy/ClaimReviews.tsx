// Privacy officer: professionals' own claims to a relationship with a child, raised for review like
// break glass. Justified, the claim runs its days; not justified, it ends now and is referred on.
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { RELATIONSHIP_CLAIMS, REVIEW_CLAIM } from './privacy-query';
import { Radios } from '../govuk/Radios';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, type FieldError } from '../govuk/ErrorSummary';
import { firstError } from '../api/errors';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';
import { Form } from '../govuk/Form';
import { longDate } from '../assessment/clock';
import { words } from '../govuk/Tag';

function ClaimReviewForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [verdict, setVerdict] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [review, { loading }] = useMutation(REVIEW_CLAIM);
  const field = `claim-verdict-${id}`;
  const send = async () => {
    if (!verdict) return setErrors([{ field, message: 'Select whether the claim was justified' }]);
    const outcome = `${verdict}${note.trim() ? `: ${note.trim()}` : ''}`;
    const res = await review({ variables: { id, outcome, endNow: verdict === 'Not justified' } });
    // A refusal (already reviewed, or the reviewer's own claim) says why; anything else, try again.
    const refused = firstError(res.error);
    if (refused || !res.data) return setErrors([{ field, message: refused?.message ?? 'The review could not be saved. Try again.' }]);
    onDone();
  };
  return (
    <Form onSubmit={send}>
      <ErrorSummary errors={errors} />
      <Radios
        id={field}
        legend="Your review"
        small
        value={verdict}
        onChange={setVerdict}
        error={errors[0]?.message}
        options={[
          { value: 'Justified', text: 'Justified: the claim runs until it ends' },
          { value: 'Not justified', text: 'Not justified: end it now and refer for follow-up' },
        ]}
      />
      <Textarea id={`claim-note-${id}`} label="Note (optional)" rows={2} value={note} onChange={setNote} />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
        Record review
      </button>
    </Form>
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
        <div className="govuk-summary-card" key={c.id} id={`claim-${i + 1}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              Claim {i + 1}: {c.userSub} ({words(c.agency)}, {c.org}), from {longDate(c.startDate)}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Reason given</dt>
                <dd className="govuk-summary-list__value app-break-word">{c.reason}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Access until</dt>
                <dd className="govuk-summary-list__value">{c.endDate ? longDate(c.endDate) : 'No end date'}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Audit trail</dt>
                <dd className="govuk-summary-list__value">
                  <Link className="govuk-link" to="/privacy/audit" state={{ childId: c.childId }}>
                    What was seen<span className="govuk-visually-hidden"> under claim {i + 1}</span>
                  </Link>
                </dd>
              </div>
            </dl>
            <ClaimReviewForm
              id={c.id}
              onDone={() => {
                setReviewed((n) => n + 1);
                void refetch();
              }}
            />
          </div>
        </div>
      ))}
    </>
  );
}

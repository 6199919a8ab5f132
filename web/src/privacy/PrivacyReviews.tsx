// Privacy officer: break-glass accesses and claimed relationships awaiting review, each with a
// review action, and a way into each child's audit trail.
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { BREAK_GLASS_EVENTS, REVIEW } from './privacy-query';
import { Radios } from '../govuk/Radios';
import { Textarea } from '../govuk/Field';
import { Checkboxes } from '../govuk/Checkboxes';
import { ErrorSummary, type FieldError } from '../govuk/ErrorSummary';
import { badInput, errorsOf } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { FindChild } from './FindChild';
import { ClaimReviews } from './ClaimReviews';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';
import { Form } from '../govuk/Form';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function ReviewForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [verdict, setVerdict] = useState('');
  const [note, setNote] = useState('');
  // Once reviewed, the stated reason is shown to the child's family in "who looked", unless saying it would cause serious harm.
  const [withhold, setWithhold] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [review, { loading }] = useMutation(REVIEW);
  const field = `verdict-${id}`;
  const send = async () => {
    if (!verdict) return setErrors([{ field, message: 'Select whether the access was justified' }]);
    const outcome = `${verdict}${note.trim() ? `: ${note.trim()}` : ''}`;
    const res = await review({ variables: { id, outcome, withheld: withhold.includes('yes') } });
    const bad = badInput(errorsOf(res.error));
    if (bad || !res.data) return setErrors([{ field, message: bad?.message ?? 'The review could not be saved. Try again.' }]);
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
          { value: 'Justified', text: 'Justified' },
          { value: 'Not justified', text: 'Not justified: refer for follow-up' },
        ]}
      />
      <Textarea id={`note-${id}`} label="Note (optional)" rows={2} value={note} onChange={setNote} />
      <Checkboxes
        id={`withhold-${id}`}
        legend="The family"
        hint="Once reviewed, the reason given is shown to the child's family in “who looked”."
        value={withhold}
        onChange={setWithhold}
        options={[{ value: 'yes', text: 'Do not show the reason to the family: it would cause serious harm' }]}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
        Record review
      </button>
    </Form>
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
        <div className="govuk-summary-card" key={e.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">
              Access {i + 1}: {e.userSub} ({e.userOrg}), {when(e.startedAt)}
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Reason given</dt>
                <dd className="govuk-summary-list__value app-break-word">{e.reason}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Access until</dt>
                <dd className="govuk-summary-list__value">{when(e.expiresAt)}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Audit trail</dt>
                <dd className="govuk-summary-list__value">
                  <Link className="govuk-link" to="/privacy/audit" state={{ childId: e.childId }}>
                    What was seen<span className="govuk-visually-hidden"> during access {i + 1}</span>
                  </Link>
                </dd>
              </div>
            </dl>
            <ReviewForm
              id={e.id}
              onDone={() => {
                setReviewed((n) => n + 1);
                void refetch();
              }}
            />
          </div>
        </div>
      ))}
      <ClaimReviews />
      <h2 className="govuk-heading-m">A child's audit trail</h2>
      <p className="govuk-body">From a break-glass access above, or by the child's NHS number.</p>
      <FindChild />
    </>
  );
}

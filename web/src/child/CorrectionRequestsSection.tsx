// In the joint view, for a professional: the family's correction requests addressed to their own
// agency (the API releases no others), each open one with a form to accept or decline it. The
// agency's record is changed, if at all, in its own system; this records the answer the family sees.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { gql } from '../api/gql';
import { CORRECTION, CORRECTIONS } from '../family/family-query';
import { CATEGORY_WORDS } from '../family/consent-words';
import { STATUS_COLOUR, STATUS_WORDS } from '../family/corrections/draft';
import { useSingleFlight } from '../family/useSingleFlight';
import { badInput, errorsOf, firstError, withheldReason } from '../api/errors';
import { Radios } from '../govuk/Radios';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { SummaryList } from '../govuk/SummaryList';
import { Withheld } from './Withheld';
import { longDate } from '../assessment/clock';
import { Form } from '../govuk/Form';

const ANSWER = gql`
  mutation AnswerCorrection($input: CorrectionAnswerInput!, $key: String) {
    answerCorrectionRequest(input: $input, idempotencyKey: $key) { ${CORRECTION} }
  }
`;

function AnswerForm({ request, n, onDone }: { request: any; n: number; onDone: () => void }) {
  const [answer] = useMutation(ANSWER);
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, once] = useSingleFlight();
  const [key] = useState(() => crypto.randomUUID());
  const id = (f: string) => `${f}-${n}`;
  const submit = () =>
    once(async () => {
      const problems: FieldError[] = [];
      if (!outcome) problems.push({ field: id('outcome'), message: 'Select whether you accept or decline the request' });
      if (outcome === 'DECLINED' && reason.trim().length < 10)
        problems.push({ field: id('reason'), message: 'Say why you decline it, in at least 10 characters: the family will read this' });
      if (reason.length > 2000) problems.push({ field: id('reason'), message: 'The reason must be 2,000 characters or fewer' });
      setErrors(problems);
      if (problems.length) return;
      const res = await answer({ variables: { input: { id: request.id, outcome, reason: reason.trim() || null }, key } });
      const bad = badInput(errorsOf(res.error));
      if (bad) return setErrors([{ field: bad.argument === 'input.reason' ? id('reason') : id('outcome'), message: bad.message }]);
      if (!res.data?.answerCorrectionRequest)
        return setErrors([
          {
            field: id('outcome'),
            message: firstError(res.error)?.message ?? 'The answer could not be saved. Try again: it will not be saved twice.',
          },
        ]);
      onDone();
    });
  return (
    <Form aria-label={`Answer request ${n + 1}`} onSubmit={submit}>
      <ErrorSummary errors={errors} />
      <Radios
        id={id('outcome')}
        legend="Your answer"
        small
        error={errorFor(errors, id('outcome'))}
        value={outcome}
        onChange={setOutcome}
        options={[
          { value: 'ACCEPTED', text: 'Accept: the record will be corrected' },
          { value: 'DECLINED', text: 'Decline', hint: 'Say why: the family will read it.' },
        ]}
      />
      <Textarea
        id={id('reason')}
        label={outcome === 'DECLINED' ? 'Why you decline it' : 'What you changed, or why you decline it'}
        rows={3}
        error={errorFor(errors, id('reason'))}
        value={reason}
        onChange={setReason}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" id={id('send-answer')} disabled={busy}>
        Send answer
      </button>
    </Form>
  );
}

export function CorrectionRequestsSection({ childId }: { childId: string }) {
  const { data, error, refetch } = useQuery(CORRECTIONS, { variables: { id: childId }, fetchPolicy: 'network-only' });
  const [answered, setAnswered] = useState(false);
  const requests: any[] = data?.child?.correctionRequests ?? [];
  const withheld = withheldReason(errorsOf(error), ['child', 'correctionRequests']);
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby="corrections-title" id="correction-requests">
      <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id="corrections-title">
        Correction requests from the family
      </h2>
      <span className="govuk-caption-m app-source">Addressed to your organisation's agency, in the family's own words</span>
      {answered && (
        <p className="govuk-body" role="status" id="answer-saved">
          Your answer is saved. The family can see it.
        </p>
      )}
      {withheld && (
        <p className="govuk-body">
          <Withheld reason={withheld} />
        </p>
      )}
      {data?.child && !requests.length && <p className="govuk-body">None.</p>}
      {requests.map((r, n) => (
        <div className="govuk-summary-card" key={r.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {CATEGORY_WORDS[r.category][0].toUpperCase() + CATEGORY_WORDS[r.category].slice(1)}, asked on {longDate(r.requestedAt)}{' '}
              <strong className={`govuk-tag govuk-tag--${STATUS_COLOUR[r.status]}`}>{STATUS_WORDS[r.status]}</strong>
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: 'Asked by', value: r.requestedAs === 'YOUNG_PERSON' ? 'The young person' : 'A parent or carer' },
                ...(r.about ? [{ key: 'Where in the record', value: r.about }] : []),
                { key: 'What is wrong', value: <span className="app-pre-line">{r.whatIsWrong}</span> },
                ...(r.whatItShouldSay
                  ? [{ key: 'What it should say', value: <span className="app-pre-line">{r.whatItShouldSay}</span> }]
                  : []),
                ...(r.status !== 'OPEN'
                  ? [{ key: 'Answer', value: `${r.answer ?? 'No note'} (${r.answeredOrg}, ${longDate(r.answeredAt)})` }]
                  : []),
              ]}
            />
            {r.status === 'OPEN' && (
              <AnswerForm
                request={r}
                n={n}
                onDone={() => {
                  setAnswered(true);
                  void refetch();
                }}
              />
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

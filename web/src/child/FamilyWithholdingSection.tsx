// In the joint view, for a professional who works with the child: what any agency has marked not to
// be disclosed to the family (the serious-harm exemption), and a form to mark a kind of the caller's
// own agency's information, or to end their agency's marking. The API decides who may (a current
// relationship of their own, their own agency only); the family is told only that it is not
// available to them, never the reason.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { AGENCY_RECORD_CATEGORIES, ROLE_AGENCY } from '@hub/schema/codes';
import { gql } from '../api/gql';
import { badInput, errorsOf, firstError } from '../api/errors';
import { AGENCY_WORDS, CATEGORY_WORDS } from '../family/consent-words';
import { useSingleFlight } from '../family/useSingleFlight';
import { Radios } from '../govuk/Radios';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { Table } from '../govuk/Table';
import { longDate } from '../assessment/clock';
import { useSession } from '../auth/session';
import { Form } from '../govuk/Form';

const FIELDS = 'id agency category reason markedAt markedOrg';
const MARKINGS = gql`query FamilyWithholdings($childId: ID!) { familyWithholdings(childId: $childId) { ${FIELDS} } }`;
const MARK = gql`mutation WithholdFromFamily($input: FamilyWithholdingInput!, $key: String) { withholdFromFamily(input: $input, idempotencyKey: $key) { ${FIELDS} } }`;
const END = gql`
  mutation EndFamilyWithholding($id: ID!) {
    endFamilyWithholding(id: $id) {
      id
      endedAt
    }
  }
`;

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export function FamilyWithholdingSection({ childId }: { childId: string }) {
  const { user } = useSession();
  // Only the agency that made a marking ends it (the API refuses any other).
  const agency = user?.roles.map((r) => (ROLE_AGENCY as Record<string, string>)[r]).find(Boolean);
  const { data, refetch } = useQuery(MARKINGS, { variables: { childId } });
  const [mark] = useMutation(MARK);
  const [end] = useMutation(END);
  const [category, setCategory] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, once] = useSingleFlight();
  const markings: any[] = data?.familyWithholdings ?? [];
  if (!data) return null;
  const changed = (f: (v: string) => void) => (v: string) => {
    setKey(crypto.randomUUID());
    f(v);
  };
  const submit = () =>
    once(async () => {
      const p: FieldError[] = [];
      if (!category) p.push({ field: 'withhold-category', message: 'Select the kind of information not to disclose to the family' });
      if (reason.trim().length < 10)
        p.push({ field: 'withhold-reason', message: 'Say why disclosing it would cause serious harm, in at least 10 characters' });
      setErrors(p);
      if (p.length) return;
      const res = await mark({ variables: { input: { childId, category, reason: reason.trim() }, key } });
      const bad = badInput(errorsOf(res.error));
      if (bad || !res.data)
        return setErrors([
          {
            field: bad?.argument === 'input.reason' ? 'withhold-reason' : 'withhold-category',
            message:
              bad?.message ?? firstError(res.error)?.message ?? 'The marking could not be saved. Try again: it will not be saved twice.',
          },
        ]);
      setNotice('Marked. The family no longer sees it, nor who looked at it.');
      setCategory('');
      setReason('');
      setKey(crypto.randomUUID());
      void refetch();
    });
  const stop = (id: string) =>
    once(async () => {
      const res = await end({ variables: { id } });
      setNotice(
        res.data
          ? 'The marking is ended. The family sees that information again as the law allows.'
          : (firstError(res.error)?.message ?? 'The marking could not be ended.'),
      );
      void refetch();
    });
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby="withholding-title" id="family-withholding">
      <h2 className="govuk-heading-m" id="withholding-title">
        Not to be disclosed to the family
      </h2>
      {notice && (
        <p className="govuk-body" role="status" id="withholding-notice">
          {notice}
        </p>
      )}
      <p className="govuk-body">
        Child protection information is never shown to the family. Mark any other kind of your agency's information here only where showing
        it to them would cause serious harm. They are told only that it is not available to them.
      </p>
      {markings.length ? (
        <Table
          caption="Current markings"
          head={['Agency', 'Information', 'Why', 'Marked', '']}
          rows={markings.map((m) => [
            AGENCY_WORDS[m.agency as keyof typeof AGENCY_WORDS],
            capital(CATEGORY_WORDS[m.category]),
            m.reason,
            `${longDate(m.markedAt)} (${m.markedOrg})`,
            m.agency === agency ? (
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                onClick={() => void stop(m.id)}
                disabled={busy}
              >
                End<span className="govuk-visually-hidden"> the marking of {CATEGORY_WORDS[m.category]}</span>
              </button>
            ) : (
              ''
            ),
          ])}
        />
      ) : (
        <p className="govuk-body" id="no-withholding">
          Nothing is marked.
        </p>
      )}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Mark information not to disclose to the family</span>
        </summary>
        <div className="govuk-details__text">
          <Form onSubmit={submit}>
            <ErrorSummary errors={errors} />
            <Radios
              id="withhold-category"
              legend="Which kind of your agency's information?"
              small
              error={errorFor(errors, 'withhold-category')}
              value={category}
              onChange={changed(setCategory)}
              options={AGENCY_RECORD_CATEGORIES.map((c) => ({ value: c, text: capital(CATEGORY_WORDS[c]) }))}
            />
            <Textarea
              id="withhold-reason"
              label="Why would disclosing it cause serious harm?"
              hint="Kept for your agency and the privacy officer; never shown to the family."
              rows={3}
              error={errorFor(errors, 'withhold-reason')}
              value={reason}
              onChange={changed(setReason)}
            />
            <button type="submit" className="govuk-button govuk-button--secondary" id="withhold-submit" disabled={busy}>
              Mark it
            </button>
          </Form>
        </div>
      </details>
    </section>
  );
}

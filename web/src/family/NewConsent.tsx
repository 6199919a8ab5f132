// Give a new agreement to share: which information, with which agencies, for what. The decider is
// the caller's own relation (the hub refuses anything else); a refusal is said plainly.
import { useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { AGENCIES, PURPOSES } from '@hub/schema/codes';
import { RECORD_CONSENT } from './family-query';
import { useFamilyChild, useRelation } from './child-state';
import { AGENCY_WORDS, CATEGORY_WORDS, PURPOSE_WORDS, provisionWords, type Provision } from './consent-words';
import { refusalWords } from './refusal';
import { Checkboxes } from '../govuk/Checkboxes';
import { Radios } from '../govuk/Radios';
import { DateInput, emptyDate, isoDate } from '../govuk/DateInput';
import { type FieldError } from '../govuk/ErrorSummary';
import { QuestionPage } from '../govuk/QuestionPage';
import { binder } from '../govuk/bind';
import { firstError } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { useSingleFlight } from './useSingleFlight';

// Child protection information is never the family's to share through the hub (docs/family.md).
const OFFERED = ['EDUCATION', 'HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'FAMILY', 'IDENTITY'];
const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export function NewConsent() {
  const child = useFamilyChild();
  const relation = useRelation();
  const navigate = useNavigate();
  const [record] = useMutation(RECORD_CONSENT);
  const [answers, setAnswers] = useState({
    effect: 'PERMIT',
    categories: [] as string[],
    agencies: [] as string[],
    purposes: [] as string[],
    until: emptyDate,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, once] = useSingleFlight();
  // One key per content: a double click or a retry records it once; a changed answer is a new one.
  const key = useRef<string | null>(null);
  usePageTitle('Give a new agreement to share', errors.length > 0);
  if (!child) return <Navigate to="/family" replace />;
  const { effect, categories, agencies, purposes, until } = answers;
  const field = binder(errors, answers, (f) => (v) => {
    key.current = null;
    setAnswers((a) => ({ ...a, [f]: v }));
  });
  const noEnd = !until.day.trim() && !until.month.trim() && !until.year.trim();
  const end = noEnd ? null : (isoDate(until, 'the end date', 'future').iso ?? null);
  const provision = { effect, categories, agencies, orgs: [], purposes, end } as unknown as Provision;
  const submit = () =>
    once(async () => {
      const problems: FieldError[] = [];
      if (!categories.length) problems.push({ field: 'categories', message: 'Select the information this agreement is about' });
      const endProblem = noEnd ? undefined : isoDate(until, 'the end date', 'future').error;
      if (endProblem) problems.push({ field: 'until', message: endProblem });
      setErrors(problems);
      if (problems.length) return;
      key.current ??= crypto.randomUUID();
      try {
        const res = await record({
          variables: {
            key: key.current,
            input: { childId: child.childId, decider: relation, provisions: [{ effect, categories, agencies, orgs: [], purposes, end }] },
          },
        });
        if (!res.data?.recordConsent) return setErrors([{ field: 'categories', message: refusalWords(firstError(res.error)) }]);
        navigate('/family/sharing', { replace: true, state: { ...child, notice: 'Your new agreement is recorded. It counts from now.' } });
      } catch {
        setErrors([{ field: 'categories', message: 'The agreement could not be recorded. Try again: it will not be recorded twice.' }]);
      }
    });
  return (
    <QuestionPage
      back={
        <Link to="/family/sharing" state={child} className="govuk-back-link">
          Back
        </Link>
      }
      errors={errors}
      caption={child.childName}
      title="Give a new agreement to share"
      onSubmit={() => void submit()}
      submit={
        <button type="submit" className="govuk-button" id="record-consent" disabled={busy}>
          Record this agreement
        </button>
      }
    >
      <Radios
        {...field('effect')}
        legend="Do you want to allow sharing, or stop it?"
        options={[
          { value: 'PERMIT', text: 'Allow professionals to see it' },
          { value: 'DENY', text: 'Do not allow them to see it', hint: 'This wins over any agreement that allows it.' },
        ]}
      />
      <Checkboxes
        {...field('categories')}
        legend="Which information?"
        options={OFFERED.map((c) => ({ value: c, text: capital(CATEGORY_WORDS[c]) }))}
      />
      <Checkboxes
        {...field('agencies')}
        legend="Which agencies?"
        hint="Select none for every agency."
        options={AGENCIES.map((a) => ({ value: a, text: AGENCY_WORDS[a] }))}
      />
      <Checkboxes
        {...field('purposes')}
        legend="For what?"
        hint="Select none for any purpose."
        options={PURPOSES.map((p) => ({ value: p, text: capital(PURPOSE_WORDS[p]) }))}
      />
      <DateInput
        {...field('until')}
        legend="Until when? (optional)"
        hint="For example, 1 3 2027. Leave it empty for no end date; you can withdraw it at any time."
      />
      {categories.length > 0 && (
        <div className="govuk-inset-text" id="consent-preview" aria-live="polite">
          In words: {provisionWords(provision)}.
        </div>
      )}
      <p className="govuk-body">You give this as {relation === 'YOUNG_PERSON' ? 'the young person' : 'a parent or carer'}.</p>
    </QuestionPage>
  );
}

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
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { firstError } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { useSingleFlight } from './useSingleFlight';

// Child protection information is never the family's to share through the hub (docs/family.md).
const OFFERED = ['EDUCATION', 'HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'FAMILY', 'IDENTITY'];

export function NewConsent() {
  const child = useFamilyChild();
  const relation = useRelation();
  const navigate = useNavigate();
  const [record] = useMutation(RECORD_CONSENT);
  const [categories, setCategories] = useState<string[]>([]);
  const [agencies, setAgencies] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>([]);
  const [effect, setEffect] = useState('PERMIT');
  const [until, setUntil] = useState(emptyDate);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, once] = useSingleFlight();
  // One key per content: a double click or a retry records it once; a changed answer is a new one.
  const key = useRef<string | null>(null);
  usePageTitle('Give a new agreement to share', errors.length > 0);
  if (!child) return <Navigate to="/family" replace />;
  const changed = (f: (v: any) => void) => (v: any) => {
    key.current = null;
    f(v);
  };
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
    <>
      <Link to="/family/sharing" state={child} className="govuk-back-link">
        Back
      </Link>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">Give a new agreement to share</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Radios
          id="effect"
          legend="Do you want to allow sharing, or stop it?"
          value={effect}
          onChange={changed(setEffect)}
          options={[
            { value: 'PERMIT', text: 'Allow professionals to see it' },
            { value: 'DENY', text: 'Do not allow them to see it', hint: 'This wins over any agreement that allows it.' },
          ]}
        />
        <Checkboxes
          id="categories"
          legend="Which information?"
          error={errorFor(errors, 'categories')}
          value={categories}
          onChange={changed(setCategories)}
          options={OFFERED.map((c) => ({ value: c, text: CATEGORY_WORDS[c][0].toUpperCase() + CATEGORY_WORDS[c].slice(1) }))}
        />
        <Checkboxes
          id="agencies"
          legend="Which agencies?"
          hint="Select none for every agency."
          value={agencies}
          onChange={changed(setAgencies)}
          options={AGENCIES.map((a) => ({ value: a, text: AGENCY_WORDS[a] }))}
        />
        <Checkboxes
          id="purposes"
          legend="For what?"
          hint="Select none for any purpose."
          value={purposes}
          onChange={changed(setPurposes)}
          options={PURPOSES.map((p) => ({ value: p, text: PURPOSE_WORDS[p][0].toUpperCase() + PURPOSE_WORDS[p].slice(1) }))}
        />
        <DateInput
          id="until"
          legend="Until when? (optional)"
          hint="For example, 1 3 2027. Leave it empty for no end date; you can withdraw it at any time."
          value={until}
          onChange={changed(setUntil)}
          error={errorFor(errors, 'until')}
        />
        {categories.length > 0 && (
          <div className="govuk-inset-text" id="consent-preview" aria-live="polite">
            In words: {provisionWords(provision)}.
          </div>
        )}
        <p className="govuk-body">You give this as {relation === 'YOUNG_PERSON' ? 'the young person' : 'a parent or carer'}.</p>
        <button type="submit" className="govuk-button" id="record-consent" disabled={busy}>
          Record this agreement
        </button>
      </form>
    </>
  );
}

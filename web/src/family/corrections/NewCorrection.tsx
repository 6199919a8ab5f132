// Ask for a correction: which organisation, which kind of information, where, what is wrong and
// what it should say, in the family's own words. Checked here, then on the check-answers page sent.
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useFamilyChild } from '../child-state';
import { AGENCY_OPTIONS, CATEGORY_OPTIONS, correctionDrafts, draftProblems, emptyDraft, type CorrectionDraft } from './draft';
import { Radios } from '../../govuk/Radios';
import { TextInput, Textarea } from '../../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../../govuk/ErrorSummary';
import { usePageTitle } from '../../app/usePageTitle';

export function NewCorrection() {
  const child = useFamilyChild();
  const navigate = useNavigate();
  const returned = (useLocation().state as { errors?: FieldError[] } | null)?.errors;
  const [draft, setDraft] = useState<CorrectionDraft>(() => (child && correctionDrafts.get(child.childId)) || emptyDraft());
  const [errors, setErrors] = useState<FieldError[]>(returned ?? []);
  usePageTitle('Ask for a correction', errors.length > 0);
  if (!child) return <Navigate to="/family" replace />;
  // A changed answer is a new request: the key of an earlier attempt no longer applies.
  const set = (field: keyof CorrectionDraft) => (v: string) => setDraft((d) => ({ ...d, [field]: v, idempotencyKey: undefined }));
  const next = () => {
    const problems = draftProblems(draft);
    setErrors(problems);
    if (problems.length) return;
    correctionDrafts.save(child.childId, draft);
    navigate('/family/corrections/check', { state: child });
  };
  return (
    <>
      <Link to="/family/corrections" state={child} className="govuk-back-link">
        Back
      </Link>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">Ask for a correction</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <Radios
          id="agency"
          legend="Who holds the record that is wrong?"
          error={errorFor(errors, 'agency')}
          value={draft.agency}
          onChange={set('agency')}
          options={AGENCY_OPTIONS}
        />
        <Radios
          id="category"
          legend="Which kind of information is wrong?"
          error={errorFor(errors, 'category')}
          value={draft.category}
          onChange={set('category')}
          options={CATEGORY_OPTIONS}
        />
        <TextInput
          id="about"
          label="Where in the record (optional)"
          hint="For example, “Diagnoses” or “the school named”."
          error={errorFor(errors, 'about')}
          value={draft.about}
          onChange={set('about')}
        />
        <Textarea
          id="whatIsWrong"
          label="What is wrong?"
          hint="In your own words."
          error={errorFor(errors, 'whatIsWrong')}
          value={draft.whatIsWrong}
          onChange={set('whatIsWrong')}
        />
        <Textarea
          id="whatItShouldSay"
          label="What should it say? (optional)"
          error={errorFor(errors, 'whatItShouldSay')}
          value={draft.whatItShouldSay}
          onChange={set('whatItShouldSay')}
        />
        <button type="submit" className="govuk-button" id="continue">
          Continue
        </button>
      </form>
    </>
  );
}

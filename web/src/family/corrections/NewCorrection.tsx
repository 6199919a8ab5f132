// Ask for a correction: which organisation, which kind of information, where, what is wrong and
// what it should say, in the family's own words. Checked here, then on the check-answers page sent.
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useFamilyChild } from '../child-state';
import { AGENCY_OPTIONS, CATEGORY_OPTIONS, correctionDrafts, draftProblems, emptyDraft, type CorrectionDraft } from './draft';
import { Radios } from '../../govuk/Radios';
import { TextInput, Textarea } from '../../govuk/Field';
import { type FieldError } from '../../govuk/ErrorSummary';
import { QuestionPage } from '../../govuk/QuestionPage';
import { binder } from '../../govuk/bind';
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
  const field = binder(errors, draft, set);
  const next = () => {
    const problems = draftProblems(draft);
    setErrors(problems);
    if (problems.length) return;
    correctionDrafts.save(child.childId, draft);
    navigate('/family/corrections/check', { state: child });
  };
  return (
    <QuestionPage
      back={
        <Link to="/family/corrections" state={child} className="govuk-back-link">
          Back
        </Link>
      }
      errors={errors}
      caption={child.childName}
      title="Ask for a correction"
      onSubmit={next}
    >
      <Radios {...field('agency')} legend="Who holds the record that is wrong?" options={AGENCY_OPTIONS} />
      <Radios {...field('category')} legend="Which kind of information is wrong?" options={CATEGORY_OPTIONS} />
      <TextInput {...field('about')} label="Where in the record (optional)" hint="For example, “Diagnoses” or “the school named”." />
      <Textarea {...field('whatIsWrong')} label="What is wrong?" hint="In your own words." />
      <Textarea {...field('whatItShouldSay')} label="What should it say? (optional)" />
    </QuestionPage>
  );
}

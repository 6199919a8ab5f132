// A question page: the back link, the error summary, the caption and heading, what to know first,
// and the form (no browser validation: the page's own checks say what is wrong in GOV.UK's words).
import type { ReactNode } from 'react';
import { ErrorSummary, type FieldError } from './ErrorSummary';
import { Form } from './Form';

export function QuestionPage(p: {
  back: ReactNode;
  errors: FieldError[];
  caption: string;
  title: string;
  intro?: ReactNode;
  onSubmit: () => void;
  /** The submit button; "Continue" unless given. */
  submit?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {p.back}
      <ErrorSummary errors={p.errors} />
      <span className="govuk-caption-l">{p.caption}</span>
      <h1 className="govuk-heading-l">{p.title}</h1>
      {p.intro}
      <Form onSubmit={p.onSubmit}>
        {p.children}
        {p.submit ?? (
          <button type="submit" className="govuk-button" id="continue">
            Continue
          </button>
        )}
      </Form>
    </>
  );
}

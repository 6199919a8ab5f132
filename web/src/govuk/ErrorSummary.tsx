// GOV.UK error summary: focused when it appears, each error links to its field.
import { useEffect, useRef } from 'react';

export interface FieldError {
  field: string;
  message: string;
}

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.field + e.message}>
                <a
                  href={`#${e.field}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(e.field)?.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** A problem that belongs to no one field (the hub refused or did not answer a submission). */
export function ProblemSummary({ title = 'There is a problem', message }: { title?: string; message: string | null }) {
  if (!message) return null;
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="govuk-error-summary__title">{title}</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}

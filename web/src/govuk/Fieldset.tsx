// A form group with a fieldset, legend, hint and inline error: the frame radios, checkboxes and the
// day/month/year date input share (a date input's fieldset is a group of its three boxes).
import type { ReactNode } from 'react';
import { describedBy, HintAndError } from './Field';

export function Fieldset({
  id,
  legend,
  hint,
  error,
  role,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  role?: 'group';
  children: ReactNode;
}) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

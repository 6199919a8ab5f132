// GOV.UK warning text: the icon is decoration; "Warning" is read out before the words.
import type { ReactNode } from 'react';

export function WarningText({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <div className="govuk-warning-text" id={id}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span> {children}
      </strong>
    </div>
  );
}

// GOV.UK success notification banner: announced when it appears (role alert), titled for the page.
import type { ReactNode } from 'react';

export function SuccessBanner({ id, title = 'Success', children }: { id: string; title?: string; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

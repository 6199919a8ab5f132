// Why the user is looking: sent with every request as x-hub-purpose, checked against the family's
// consent and recorded in the audit trail. Changing it reloads what the page shows.
import { PURPOSES, type Purpose } from '@hub/schema/codes';
import { session, useSession } from '../auth/session';
import { words } from '../govuk/Tag';

export function PurposeBanner() {
  const { purpose } = useSession();
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="purpose-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="purpose-title">
          Purpose of access
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <div className="govuk-form-group govuk-!-margin-bottom-0">
          <label className="govuk-label govuk-label--s" htmlFor="purpose">
            You are viewing this child's records for
          </label>
          <select className="govuk-select" id="purpose" value={purpose} onChange={(e) => session.setPurpose(e.target.value as Purpose)}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {words(p)}
              </option>
            ))}
          </select>
        </div>
        <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          Families consent to sharing for particular purposes. Every look is recorded with the purpose you choose.
        </p>
      </div>
    </div>
  );
}

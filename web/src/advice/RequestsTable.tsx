// Requests for advice as a table: overdue first (the API orders by organisation, then due date).
import { Link } from 'react-router';
import { Tag } from '../govuk/Tag';
import { longDate } from '../assessment/clock';
import { withheldReason, type HubError } from '../api/errors';
import type { AdviceAgency } from './agency';

export function childLabel(r: any): string {
  const e = r.child?.education;
  const name = e && (e.givenName || e.familyName) ? [e.givenName, e.familyName].filter(Boolean).join(' ') : null;
  return name ?? (r.child?.health?.nhsNumber ? `NHS ${r.child.health.nhsNumber}` : 'Child (details not shared with you)');
}

export function RequestsTable({
  requests,
  errors,
  agency,
  actions = true,
  showOrg = false,
}: {
  requests: any[];
  errors: HubError[];
  agency: AdviceAgency;
  actions?: boolean;
  showOrg?: boolean;
}) {
  const sorted = [...requests].sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || a.dueOn.localeCompare(b.dueOn));
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Requests for advice">
      <table className="govuk-table" id="advice-requests">
        <caption className="govuk-table__caption govuk-table__caption--s">Requests for advice, overdue first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Child
            </th>
            {showOrg && (
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
            )}
            <th scope="col" className="govuk-table__header">
              Due
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            {actions && (
              <th scope="col" className="govuk-table__header">
                Action
              </th>
            )}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sorted.map((r) => {
            const i = requests.indexOf(r);
            const hidden = withheldReason(errors, ['requests', i, 'child', 'education']);
            const label = childLabel(r);
            return (
              <tr className="govuk-table__row" key={r.id}>
                <th scope="row" className="govuk-table__header">
                  {label}
                  {hidden && !r.child?.education && (
                    <span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0"> (name withheld)</span>
                  )}
                </th>
                {showOrg && <td className="govuk-table__cell">{r.organisation}</td>}
                <td className="govuk-table__cell">{longDate(r.dueOn)}</td>
                <td className="govuk-table__cell">
                  {r.status === 'OUTSTANDING' ? (
                    r.daysOverdue != null ? (
                      <Tag code="OVERDUE" text={`${r.daysOverdue} days overdue`} />
                    ) : (
                      <Tag code="NOT_YET_DUE" text={`${r.daysRemaining} days remaining`} />
                    )
                  ) : (
                    <Tag code="RECEIVED" text={`Submitted${r.latestVersion ? `, version ${r.latestVersion}` : ''}`} />
                  )}
                </td>
                {actions && (
                  <td className="govuk-table__cell">
                    <Link
                      className="govuk-link"
                      to="/advice/form"
                      state={{ requestId: r.id, agency, childId: r.child.id, childLabel: label, amend: r.status !== 'OUTSTANDING' }}
                    >
                      {r.status === 'OUTSTANDING' ? 'Write advice' : 'Amend advice'}
                      <span className="govuk-visually-hidden"> for {label}</span>
                    </Link>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

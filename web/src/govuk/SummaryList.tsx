// GOV.UK summary list. A value of null means "nothing recorded"; withheld values are rendered by
// the caller (see child/Withheld.tsx) so that they are never confused with "nothing recorded".
import type { ReactNode } from 'react';

export interface Row {
  key: string;
  value: ReactNode;
  action?: ReactNode;
}

export function SummaryList({ rows }: { rows: Row[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((r) => (
        <div className={`govuk-summary-list__row${r.action ? '' : ' govuk-summary-list__row--no-actions'}`} key={r.key}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value app-break-word">{r.value ?? 'Not recorded'}</dd>
          {r.action && <dd className="govuk-summary-list__actions">{r.action}</dd>}
        </div>
      ))}
    </dl>
  );
}

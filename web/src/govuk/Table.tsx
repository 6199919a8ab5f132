// GOV.UK table inside a focusable scroll box (keyboard users can scroll a wide table at 320px).
import type { ReactNode } from 'react';

export function Table({
  caption,
  head,
  rows,
  numeric = [],
}: {
  caption: ReactNode;
  head: ReactNode[];
  rows: ReactNode[][];
  numeric?: number[];
}) {
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label={typeof caption === 'string' ? caption : 'table'}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((h, i) => (
              <th scope="col" className={`govuk-table__header${numeric.includes(i) ? ' govuk-table__header--numeric' : ''}`} key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r, i) => (
            <tr className="govuk-table__row" key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th scope="row" className="govuk-table__header" key={j}>
                    {c}
                  </th>
                ) : (
                  <td className={`govuk-table__cell${numeric.includes(j) ? ' govuk-table__cell--numeric' : ''}`} key={j}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

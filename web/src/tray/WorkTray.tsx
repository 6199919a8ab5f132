// Work tray: the children the professional works with (myCaseload), overdue first (assessment and
// review deadlines alike), searchable by
// name, NHS number or UPN within that list only (the search never goes to the server).
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCaseload, type CaseloadChild } from './useCaseload';
import { isUnderWay, longDate, nextDeadline, planDeadline, soonest, type Deadline } from '../assessment/clock';
import { withheldReason } from '../api/errors';
import { Withheld } from '../child/Withheld';
import { Tag, words } from '../govuk/Tag';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

interface Row {
  child: CaseloadChild;
  index: number;
  name: string | null;
  stage: string | null;
  deadline: Deadline | null;
}

const digits = (s: string) => s.replace(/\s+/g, '');

export function WorkTray() {
  usePageTitle('Work tray');
  const { children, errors, loading, failed } = useCaseload();
  const [search, setSearch] = useState('');
  const rows = useMemo<Row[]>(() => {
    const all = children.map((child, index) => {
      const e = child.education;
      const current = e?.assessments?.find(isUnderWay) ?? e?.assessments?.[0] ?? null;
      return {
        child,
        index,
        name: e && (e.givenName || e.familyName) ? [e.givenName, e.familyName].filter(Boolean).join(' ') : null,
        stage: current?.status ?? null,
        // The assessment's clock and, after the plan, the review clock (annual review, phase transfer).
        deadline: soonest([current ? nextDeadline(current) : null, planDeadline(e?.ehcPlan)]),
      };
    });
    return all.sort((a, b) => {
      const ao = a.deadline?.overdue ? 0 : a.deadline ? 1 : 2;
      const bo = b.deadline?.overdue ? 0 : b.deadline ? 1 : 2;
      return (
        ao - bo ||
        (a.deadline && b.deadline ? a.deadline.dueOn.localeCompare(b.deadline.dueOn) : 0) ||
        (a.name ?? '').localeCompare(b.name ?? '')
      );
    });
  }, [children]);
  const q = search.trim().toLowerCase();
  const shown = q
    ? rows.filter(
        (r) =>
          (r.name ?? '').toLowerCase().includes(q) ||
          (digits(q).length >= 3 && digits(r.child.health?.nhsNumber ?? '').includes(digits(q))) ||
          (r.child.education?.upn ?? '').toLowerCase().includes(q) ||
          (r.child.socialCare?.laChildId ?? '').toLowerCase().includes(q),
      )
    : rows;
  // The family's correction requests to the caller's agency still waiting for an answer (answered in the joint view).
  const waiting = (c: { correctionRequests?: { status: string }[] | null }) =>
    (c.correctionRequests ?? []).filter((x) => x.status === 'OPEN').length;
  const cell = (r: Row, field: string, value: React.ReactNode) => {
    const reason = withheldReason(errors, ['child', r.index, ...field.split('.')]);
    return reason ? <Withheld reason={reason} /> : value;
  };
  return (
    <>
      <h1 className="govuk-heading-l">Work tray</h1>
      <p className="govuk-body">
        Children you work with: your allocations and requests for advice to your organisation. Overdue work comes first.
      </p>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="search">
          Search your work tray
        </label>
        <div id="search-hint" className="govuk-hint">
          Name, NHS number, UPN or LA child id. Only children in your work tray are searched.
        </div>
        <input
          className="govuk-input govuk-!-width-two-thirds"
          id="search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-hint"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {loading && <Loading text="Loading your work tray…" />}
      {failed && (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">Your work tray could not be loaded</h2>
          <p className="govuk-body">Try again later.</p>
        </div>
      )}
      {!loading && !failed && (
        <>
          <p className="govuk-body" role="status">
            {shown.length === rows.length ? `${rows.length} children` : `${shown.length} of ${rows.length} children match`}
          </p>
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Children in your work tray">
            <table className="govuk-table" id="work-tray">
              <caption className="govuk-table__caption govuk-visually-hidden">Children in your work tray, overdue first</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Child
                  </th>
                  <th scope="col" className="govuk-table__header">
                    EHC assessment
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Next statutory deadline
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {shown.map((r) => (
                  <tr className="govuk-table__row" key={r.child.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link" to="/child" state={{ id: r.child.id }}>
                        {r.name ?? 'Child (name not shared with you)'}
                      </Link>
                      <span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 app-block">
                        {r.child.health?.nhsNumber && <>NHS {r.child.health.nhsNumber} </>}
                        {r.child.education?.upn && <>UPN {r.child.education.upn} </>}
                        {r.child.socialCare?.laChildId && <>LA id {r.child.socialCare.laChildId}</>}
                        {r.child.relationships.includes('ADVICE_REQUEST') && <> · advice requested</>}
                        {waiting(r.child) > 0 && (
                          <>
                            {' '}
                            ·{' '}
                            <strong className="app-corrections-waiting">
                              {waiting(r.child)} correction {waiting(r.child) === 1 ? 'request' : 'requests'} from the family to answer
                            </strong>
                          </>
                        )}
                      </span>
                    </th>
                    <td className="govuk-table__cell">{cell(r, 'education.assessments', r.stage ? words(r.stage) : 'None')}</td>
                    <td className="govuk-table__cell">
                      {r.deadline ? (
                        <>
                          {r.deadline.overdue ? (
                            <Tag code="OVERDUE" text={`Overdue by ${r.deadline.days} days`} />
                          ) : (
                            <Tag code="NOT_YET_DUE" text={`${r.deadline.days} days left`} />
                          )}
                          <br />
                          {r.deadline.what[0].toUpperCase() + r.deadline.what.slice(1)}, due {longDate(r.deadline.dueOn)}
                        </>
                      ) : (
                        cell(r, 'education.assessments', 'None')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

// One consent as a GOV.UK summary card: who gave it, when and how, whether it still counts, and each
// provision in words with allowed / not allowed written (colour never alone).
import { Link } from 'react-router';
import type { FamilyChild } from './child-state';
import { DECIDER_WORDS, METHOD_WORDS, provisionWords } from './consent-words';
import { longDate } from '../assessment/clock';

export function consentTitle(c: any): string {
  return `Given by ${DECIDER_WORDS[c.decider] ?? c.decider} on ${longDate(c.givenAt)}${c.method ? `, ${METHOD_WORDS[c.method] ?? c.method}` : ''}`;
}

export function ConsentCard({ consent: c, child, actions = true }: { consent: any; child: FamilyChild; actions?: boolean }) {
  const withdrawn = !!c.withdrawnAt;
  return (
    <div className="govuk-summary-card" data-consent={withdrawn ? 'withdrawn' : 'current'}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{consentTitle(c)}</h2>
        {actions && !withdrawn && (
          <ul className="govuk-summary-card__actions">
            <li className="govuk-summary-card__action">
              <Link className="govuk-link" to="/family/sharing/withdraw" state={{ ...child, consent: c }}>
                Withdraw<span className="govuk-visually-hidden"> the agreement {consentTitle(c).toLowerCase()}</span>
              </Link>
            </li>
          </ul>
        )}
      </div>
      <div className="govuk-summary-card__content">
        <p className="govuk-body">
          {withdrawn ? (
            <>
              <strong className="govuk-tag govuk-tag--grey">Withdrawn</strong> on {longDate(c.withdrawnAt)}: it no longer counts.
            </>
          ) : (
            <strong className="govuk-tag govuk-tag--green">In use</strong>
          )}
        </p>
        <ul className="govuk-list">
          {c.provisions.map((p: any, i: number) => (
            <li key={i}>
              <strong className={`govuk-tag govuk-tag--${p.effect === 'DENY' ? 'red' : 'blue'} govuk-!-margin-right-1`}>
                {p.effect === 'DENY' ? 'Not allowed' : 'Allowed'}
              </strong>{' '}
              {provisionWords(p)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

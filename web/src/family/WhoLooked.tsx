// Who looked: every service's own audit trail for the child, merged newest first, in plain English
// (the API already words each entry). Emergency (break-glass) looks are flagged in words.
import { Navigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { WHO_LOOKED } from './family-query';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { SummaryList } from '../govuk/SummaryList';
import { errorsOf, firstError } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

const SERVICES: [string, string][] = [
  ['governance', 'hub (sharing and links)'],
  ['education', 'education'],
  ['health', 'health'],
  ['socialCare', 'social care'],
  ['family', 'your story'],
];

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: 'Europe/London',
  });
const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'nothing');

export function WhoLooked() {
  usePageTitle('Who looked');
  const child = useFamilyChild();
  const { data, loading, error } = useQuery(WHO_LOOKED, { variables: { childId: child?.childId ?? '' }, skip: !child });
  if (!child) return <Navigate to="/family" replace />;
  const w = data?.whoLooked;
  const looks = SERVICES.flatMap(([field, name]) => (w?.[field] ?? []).map((l: any) => ({ ...l, serviceName: name }))).sort(
    (a: any, b: any) => Date.parse(b.at) - Date.parse(a.at),
  );
  // A break glass's reason, once a privacy officer has reviewed it (the API withholds it before).
  const glass = new Map<string, any>((w?.emergencyAccesses ?? []).map((g: any) => [g.id, g]));
  const emergency = (l: any) => {
    const g = l.breakGlassId ? glass.get(l.breakGlassId) : undefined;
    if (g?.reason) return `An emergency access. The reason given: “${g.reason}”. A privacy officer has reviewed it.`;
    if (g?.reviewed) return 'An emergency access. A privacy officer has reviewed it; the reason is not shared with the family.';
    return 'An emergency access. A privacy officer will review it; the reason given will be shown here once they have.';
  };
  const missing = w ? SERVICES.filter(([field]) => w[field] == null).map(([, name]) => name) : [];
  return (
    <>
      <ChildHeader child={child} title="Who looked" current="/family/who-looked" />
      <p className="govuk-body">
        Every time someone looked at or changed your child's records, newest first. Names of professionals are not recorded, only their
        organisation and role.
      </p>
      {loading && <Loading />}
      {!loading && !w && <p className="govuk-body">This could not be loaded: {firstError(error)?.message ?? 'try again later'}.</p>}
      {missing.length > 0 && (
        <div className="govuk-inset-text">Not available just now: {missing.join(', ')}. Everything else is shown.</div>
      )}
      {w && !looks.length && <p className="govuk-body">Nobody has looked yet.</p>}
      {looks.length > 0 && (
        // One card per look rather than a five-column table: a phone reads it without scrolling sideways.
        <>
          <h2 className="govuk-heading-m" id="looks-count">
            {looks.length} looks, newest first
          </h2>
          <ol className="govuk-list" aria-labelledby="looks-count">
            {looks.map((l: any, i: number) => (
              <li className="govuk-summary-card app-look" key={i}>
                <div className="govuk-summary-card__title-wrapper">
                  <h3 className="govuk-summary-card__title">
                    {when(l.at)}
                    {l.breakGlass && (
                      <>
                        {' '}
                        <strong className="govuk-tag govuk-tag--red">Emergency access</strong>
                      </>
                    )}
                  </h3>
                </div>
                <div className="govuk-summary-card__content">
                  <SummaryList
                    rows={[
                      { key: 'Who', value: `${l.role}, ${l.organisation}` },
                      { key: 'Why', value: l.purpose },
                      { key: 'What they saw', value: list(l.shown) },
                      { key: 'What was refused', value: list(l.refused) },
                      ...(l.breakGlass ? [{ key: 'Emergency access', value: emergency(l) }] : []),
                      { key: 'Recorded by', value: l.serviceName },
                    ]}
                  />
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      {errorsOf(error).length > 0 && w && <p className="govuk-body-s">Some services did not answer; what they hold is not listed above.</p>}
    </>
  );
}

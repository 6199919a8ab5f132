// Who looked: every service's own audit trail for the child, merged newest first, in plain English
// (the API already words each entry). Emergency (break-glass) looks are flagged in words.
import { Navigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { WHO_LOOKED } from './family-query';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { Table } from '../govuk/Table';
import { errorsOf, firstError } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';

const SERVICES: [string, string][] = [['governance', 'hub (sharing and links)'], ['education', 'education'], ['health', 'health'], ['socialCare', 'social care'], ['family', 'your story']];

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'nothing');

export function WhoLooked() {
  usePageTitle('Who looked');
  const child = useFamilyChild();
  const { data, loading, error } = useQuery(WHO_LOOKED, { variables: { childId: child?.childId ?? '' }, skip: !child });
  if (!child) return <Navigate to="/family" replace />;
  const w = data?.whoLooked;
  const looks = SERVICES.flatMap(([field, name]) => (w?.[field] ?? []).map((l: any) => ({ ...l, serviceName: name })))
    .sort((a: any, b: any) => Date.parse(b.at) - Date.parse(a.at));
  const missing = w ? SERVICES.filter(([field]) => w[field] == null).map(([, name]) => name) : [];
  return (
    <>
      <ChildHeader child={child} title="Who looked" current="/family/who-looked" />
      <p className="govuk-body">Every time someone looked at or changed your child's records, newest first. Names of professionals are not recorded, only their organisation and role.</p>
      {loading && <p className="govuk-body" role="status">Loading…</p>}
      {!loading && !w && <p className="govuk-body">This could not be loaded: {firstError(error)?.message ?? 'try again later'}.</p>}
      {missing.length > 0 && <div className="govuk-inset-text">Not available just now: {missing.join(', ')}. Everything else is shown.</div>}
      {w && !looks.length && <p className="govuk-body">Nobody has looked yet.</p>}
      {looks.length > 0 && (
        <Table
          caption={`${looks.length} looks, newest first`}
          head={['When', 'Who', 'Why', 'What they saw', 'What was refused']}
          rows={looks.map((l: any) => [
            <>{when(l.at)}{l.breakGlass && <><br /><strong className="govuk-tag govuk-tag--red">Emergency access</strong></>}</>,
            <>{l.role}, {l.organisation}<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 app-block">recorded by {l.serviceName}</span></>,
            l.purpose,
            list(l.shown),
            list(l.refused),
          ])}
        />
      )}
      {errorsOf(error).length > 0 && w && <p className="govuk-body-s">Some services did not answer; what they hold is not listed above.</p>}
    </>
  );
}

// Requests for advice addressed to the practitioner's organisation (health or social care).
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSession } from '../auth/session';
import { AGENCY, agencyOf, requestsQuery } from './agency';
import { RequestsTable } from './RequestsTable';
import { errorsOf } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

export function AdviceRequests() {
  usePageTitle('Requests for advice');
  const { user } = useSession();
  const agency = agencyOf(user?.roles ?? []);
  const [all, setAll] = useState(false);
  const names = AGENCY[agency ?? 'HEALTH'];
  const { data, error, loading } = useQuery(requestsQuery(names), { variables: { outstandingOnly: !all }, skip: !agency });
  if (!agency) return <p className="govuk-body">Requests for advice are for health and social care practitioners.</p>;
  const requests: any[] = data?.requests ?? [];
  return (
    <>
      <h1 className="govuk-heading-l">Requests for {names.title} advice</h1>
      <p className="govuk-body">
        Requests for advice for EHC needs assessments addressed to {user?.org}. Advice is due 6 weeks after the request.
      </p>
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id="show-all"
            type="checkbox"
            checked={all}
            onChange={(e) => setAll(e.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor="show-all">
            Include requests already answered
          </label>
        </div>
      </div>
      {loading && <Loading />}
      {!loading && !requests.length && <p className="govuk-body">No requests {all ? '' : 'outstanding'}.</p>}
      {requests.length > 0 && <RequestsTable requests={requests} errors={errorsOf(error)} agency={agency} />}
    </>
  );
}

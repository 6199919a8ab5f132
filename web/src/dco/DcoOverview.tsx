// The designated clinical officer's view: every outstanding request for health advice to the
// trusts of their ICB, overdue first, with days remaining.
import { useQuery } from '@apollo/client/react';
import { AGENCY, requestsQuery } from '../advice/agency';
import { RequestsTable } from '../advice/RequestsTable';
import { errorsOf } from '../api/errors';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

export function DcoOverview() {
  usePageTitle('Outstanding health advice');
  const { data, error, loading } = useQuery(requestsQuery(AGENCY.HEALTH), { variables: { outstandingOnly: true } });
  const requests: any[] = data?.requests ?? [];
  const overdue = requests.filter((r) => r.daysOverdue != null).length;
  return (
    <>
      <h1 className="govuk-heading-l">Outstanding health advice in the ICB</h1>
      {loading && <Loading />}
      {!loading && (
        <p className="govuk-body" id="dco-summary">
          {requests.length} outstanding, {overdue} overdue. Health advice is due 6 weeks after the local authority asks (reg 8).
        </p>
      )}
      {requests.length > 0 && <RequestsTable requests={requests} errors={errorsOf(error)} agency="HEALTH" actions={false} showOrg />}
    </>
  );
}

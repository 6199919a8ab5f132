// The family's view of their own child's record: the same agency parts the professionals see, with
// what the family may not see labelled (child protection information is never shown to the family).
import { Link, Navigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { JOINT_VIEW } from '../child/joint-view-query';
import { JointParts } from '../child/JointView';
import { Withheld } from '../child/Withheld';
import { errorsOf, unavailableServices, withheldReason } from '../api/errors';
import { useFamilyChild } from './child-state';
import { ChildHeader } from './ChildHeader';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

export function ChildRecord() {
  usePageTitle('Your child’s record');
  const child = useFamilyChild();
  const { data, loading, error } = useQuery(JOINT_VIEW, { variables: { id: child?.childId ?? '' }, skip: !child });
  if (!child) return <Navigate to="/family" replace />;
  const errors = errorsOf(error);
  const down = unavailableServices(errors);
  const childWithheld = !data?.child && withheldReason(errors, ['child']);
  return (
    <>
      <ChildHeader child={child} title="Record" current="/family/record" />
      <p className="govuk-body">
        What education, health and social care hold about your child, each part from the organisation that keeps it. Where something is not
        shown to you, it says why. If something is wrong,{' '}
        <Link className="govuk-link" to="/family/corrections/new" state={child}>
          ask the organisation named as its source to correct it
        </Link>
        .
      </p>
      {loading && <Loading />}
      {down.length > 0 && (
        <div className="govuk-inset-text">
          Not available just now: {down.map((s) => `the ${s} service`).join(', ')}. Everything else is shown.
        </div>
      )}
      {childWithheld && (
        <p className="govuk-body">
          <Withheld reason={childWithheld} />
        </p>
      )}
      {!loading && data?.child && <JointParts data={data} errors={errors} />}
    </>
  );
}

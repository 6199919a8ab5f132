// The joint view of one child: education, health and social care side by side, each part labelled
// with its source; what the caller may not see is said ("withheld: no consent"), and an agency
// whose service is down is named as unavailable.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { JOINT_VIEW } from './joint-view-query';
import { errorsOf, unavailableServices, withheldBelow, withheldReason, type HubError } from '../api/errors';
import { AgencyPart, type PartState } from './AgencyPart';
import { PurposeBanner } from './PurposeBanner';
import { BreakGlass } from './BreakGlass';
import { Withheld } from './Withheld';
import { hasRole, useSession } from '../auth/session';
import { longDate } from '../assessment/clock';
import { words } from '../govuk/Tag';
import type { Row } from '../govuk/SummaryList';
import { usePageTitle } from '../app/usePageTitle';
import { FamilyStorySection } from '../family/FamilyStorySection';
import { CorrectionRequestsSection } from './CorrectionRequestsSection';
import { FamilyWithholdingSection } from './FamilyWithholdingSection';
import { Loading } from '../govuk/Loading';

const SERVICE_OF: Record<string, string> = { education: 'education', health: 'health', socialCare: 'social-care' };

function partState(data: any, errors: HubError[], field: string, rows: (r: any) => Row[]): PartState {
  if (unavailableServices(errors).includes(SERVICE_OF[field])) return { kind: 'unavailable' };
  const reason = withheldReason(errors, ['child', field]);
  const record = data?.child?.[field];
  if (!record && reason) return { kind: 'withheld', reason };
  if (!record) return { kind: 'none' };
  const withheld = new Map(withheldBelow(errors, ['child', field]).map((w) => [w.field.split(' ')[0], w.reason]));
  return {
    kind: 'shown',
    fedBy: record.source ?? null,
    // Matched on field names, labelled afterwards: a withheld field (the family's cpPlans) says so.
    rows: labelled(
      rows(record).map((r) => {
        const why = withheld.get(r.key);
        return why ? { ...r, key: r.key, value: <Withheld reason={why} /> } : r;
      }),
    ),
  };
}

const list = (xs: string[] | null | undefined) =>
  xs && xs.length ? (
    <ul className="govuk-list">
      {xs.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  ) : (
    'None recorded'
  );
// Row keys are field names (so a withheld field can be matched to its row); labels shown come from LABEL.
const LABEL: Record<string, string> = {
  givenName: 'Name',
  dateOfBirth: 'Date of birth',
  upn: 'UPN',
  senStatus: 'SEN status',
  needs: 'Needs',
  currentPlacement: 'Current placement',
  ehcPlan: 'EHC plan',
  nhsNumber: 'NHS number',
  gpPractice: 'GP practice',
  diagnoses: 'Diagnoses',
  referrals: 'Referrals',
  episodes: 'Therapy',
  laChildId: 'LA child id',
  cinEpisodes: 'Child in need',
  cpPlans: 'Child protection plans',
  lookedAfter: 'Looked after',
  disabilities: 'Disabilities',
  shortBreaks: 'Short breaks',
};
const rowsOf = (o: Record<string, React.ReactNode>): Row[] => Object.entries(o).map(([k, v]) => ({ key: k, value: v }));
const labelled = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, key: LABEL[r.key] ?? r.key }));

/** The three agencies' parts of a child's record, each labelled with its source; shared with the family's view of their own child. */
export function JointParts({ data, errors, educationExtra }: { data: any; errors: HubError[]; educationExtra?: ReactNode }) {
  const education = partState(data, errors, 'education', (r) =>
    rowsOf({
      givenName: [r.givenName, r.familyName].filter(Boolean).join(' ') || null,
      dateOfBirth: longDate(r.dateOfBirth) || null,
      upn: r.upn,
      senStatus: words(r.senStatus),
      needs: list(r.needs?.map((n: any) => `${n.rank}. ${n.senType}`)),
      currentPlacement: r.currentPlacement
        ? `${r.currentPlacement.settingName} (${words(r.currentPlacement.placementType)}) since ${longDate(r.currentPlacement.startDate)}`
        : 'None',
      ehcPlan: r.ehcPlan ? (
        <>
          {words(r.ehcPlan.status)}, issued {longDate(r.ehcPlan.issuedOn)}
          {list(r.ehcPlan.sectionB)}
        </>
      ) : (
        'None'
      ),
    }),
  );
  const health = partState(data, errors, 'health', (r) =>
    rowsOf({
      nhsNumber: r.nhsNumber,
      gpPractice: r.gpPractice,
      diagnoses: list(r.diagnoses?.map((d: any) => `${d.description} (${d.code})`)),
      referrals: list(
        r.referrals?.map((x: any) => `${words(x.service)}: ${x.waiting ? `waiting ${x.waitDays} days` : `seen after ${x.waitDays} days`}`),
      ),
      episodes: list(
        r.episodes?.map((x: any) => `${words(x.service)} from ${longDate(x.startDate)}${x.endDate ? ` to ${longDate(x.endDate)}` : ''}`),
      ),
    }),
  );
  const social = partState(data, errors, 'socialCare', (r) =>
    rowsOf({
      laChildId: r.laChildId,
      cinEpisodes: list(
        r.cinEpisodes?.map(
          (x: any) => `Need ${x.primaryNeed} from ${longDate(x.startDate)}${x.endDate ? ` to ${longDate(x.endDate)}` : ''}`,
        ),
      ),
      cpPlans: list(
        r.cpPlans?.map((x: any) => `${x.category} from ${longDate(x.startDate)}${x.endDate ? ` to ${longDate(x.endDate)}` : ''}`),
      ),
      lookedAfter: r.lookedAfter ? (r.lookedAfter.current ? `Yes, since ${longDate(r.lookedAfter.since)}` : 'Not currently') : 'No',
      disabilities: list(r.disabilities),
      shortBreaks: list(r.shortBreaks?.map((x: any) => `${x.provider}${x.nightsPerYear ? `, ${x.nightsPerYear} nights a year` : ''}`)),
    }),
  );
  return (
    <>
      <AgencyPart id="education" title="Education" source="local authority SEN team (education)" state={education}>
        {educationExtra}
      </AgencyPart>
      <AgencyPart id="health" title="Health" source="NHS trust (health)" state={health} />
      <AgencyPart id="social-care" title="Social care" source="local authority children's social care" state={social} />
    </>
  );
}

export function JointView() {
  const location = useLocation();
  const id = (location.state as { id?: string } | null)?.id;
  const { user, purpose } = useSession();
  const [glassBroken, setGlassBroken] = useState(0);
  const { data, error, loading, refetch } = useQuery(JOINT_VIEW, {
    variables: { id: id ?? '' },
    skip: !id,
    context: { purpose, glassBroken },
  });
  usePageTitle('Joint view of a child');
  // A new purpose is a new question to the hub (consent is given per purpose): ask again.
  const asked = useRef(purpose);
  useEffect(() => {
    if (asked.current !== purpose && id) void refetch();
    asked.current = purpose;
  }, [purpose, id, refetch]);
  if (!id) return <Navigate to="/caseload" replace />;
  const errors = errorsOf(error);
  const e = data?.child?.education;
  const name = e?.givenName ? [e.givenName, e.familyName].filter(Boolean).join(' ') : null;
  const anyWithheld =
    ['education', 'health', 'socialCare'].some((f) => !data?.child?.[f] && withheldReason(errors, ['child', f])) ||
    errors.some((x) => x.extensions?.code === 'FORBIDDEN' && x.path?.[1] !== 'familyStory');
  // The family's story withheld is said in its own section; it is no reason to break glass.
  const down = unavailableServices(errors);
  const childWithheld = !data?.child && withheldReason(errors, ['child']);
  return (
    <>
      <Link to="/caseload" className="govuk-back-link">
        Back to work tray
      </Link>
      <h1 className="govuk-heading-l" id="child-name">
        {name ?? 'Joint view of a child'}
      </h1>
      <PurposeBanner />
      {loading && <Loading text="Loading the child's records…" />}
      {down.length > 0 && (
        <div className="govuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="govuk-error-summary__title">Part of this child's record is unavailable</h2>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Not answering now: {down.map((s) => `the ${s} service`).join(', ')}. Everything else is shown.
          </p>
        </div>
      )}
      {childWithheld && (
        <p className="govuk-body">
          <Withheld reason={childWithheld} />
        </p>
      )}
      {!loading && data?.child && (
        <>
          <JointParts
            data={data}
            errors={errors}
            educationExtra={
              hasRole(user, 'ehc_coordinator') && (
                <ul className="govuk-list">
                  <li>
                    <Link className="govuk-link" to="/assessment" state={{ childId: id }}>
                      EHC needs assessment{data.child.education?.assessments?.length ? 's' : ''}
                    </Link>
                  </li>
                  {data.child.education && (
                    <li>
                      <Link className="govuk-link" to="/child/attendance" state={{ id, name }} id="record-attendance">
                        Record attendance or an exclusion
                      </Link>
                    </li>
                  )}
                </ul>
              )
            }
          />
          <FamilyStorySection data={data} errors={errors} />
          {hasRole(user, 'social_worker', 'health_practitioner', 'ehc_coordinator', 'designated_clinical_officer') && (
            <>
              <CorrectionRequestsSection childId={id} />
              <FamilyWithholdingSection childId={id} />
              <p className="govuk-body">
                <Link className="govuk-link" to="/child/family" state={{ id, name }} id="add-family">
                  Add a family member (invitation code or link)
                </Link>
              </p>
            </>
          )}
        </>
      )}
      {!loading && !data?.child && !childWithheld && !down.length && (
        <p className="govuk-body">No record of this child is available to you.</p>
      )}
      {anyWithheld && hasRole(user, 'social_worker', 'health_practitioner', 'ehc_coordinator') && (
        <BreakGlass
          childId={id}
          onDone={() => {
            setGlassBroken((n) => n + 1);
            void refetch();
          }}
        />
      )}
    </>
  );
}

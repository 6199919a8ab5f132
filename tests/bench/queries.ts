// The GraphQL the scenarios send. The joint view asks for fields from all three agencies; the
// direct driver sends what the gateway's query plan sends (governance first for the child and its
// signed access context, then each agency's _entities with that context in the representation).
const EDUCATION =
  'education { upn givenName familyName dateOfBirth senStatus needs { senType } currentPlacement { placementType settingName } ehcPlan { status sectionB outcomes { description } } }';
const HEALTH = 'health { nhsNumber diagnoses { code description } referrals { service waitDays waiting } episodes { service } }';
const SOCIAL_CARE = 'socialCare { laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } disabilities }';

export const AGENCY_FIELDS = { education: EDUCATION, health: HEALTH, 'social-care': SOCIAL_CARE } as const;

export const JOINT_VIEW = `query JointView($id: ID!) { child(id: $id) { id ${EDUCATION} ${HEALTH} ${SOCIAL_CARE} } }`;

export const CASELOAD = `query Caseload($ids: [ID!]!) { children(ids: $ids) { id ${EDUCATION} ${HEALTH} ${SOCIAL_CARE} } }`;

export const DIRECT_GOVERNANCE = 'query($id: ID!) { child(id: $id) { __typename id accessContext } }';

export const directEntities = (agency: keyof typeof AGENCY_FIELDS) =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Child { ${AGENCY_FIELDS[agency]} } } }`;

export const AMEND_ADVICE = `mutation($id: ID!, $input: AmendHealthAdviceInput!) { amendHealthAdvice(adviceId: $id, input: $input) { id version } }`;

/** Each commissioning measure on the whole population, as a commissioner asks it. */
export const COMMISSIONING: [string, string][] = [
  [
    'counts by SEN type × placement × social care × SALT wait',
    '{ childCounts(dimensions: [PRIMARY_SEN_TYPE, PLACEMENT_TYPE, SOCIAL_CARE_STATUS, WAIT_SALT]) { total { count } csv } }',
  ],
  ['placement mix by age band', '{ placementMix(dimensions: [AGE_BAND]) { csv } }'],
  ['waits by service', '{ waits { csv } }'],
  ['capacity against demand', '{ capacityDemand { csv } }'],
  ['timeliness by LA', '{ timeliness(dimensions: [LA]) { csv } }'],
];

// The demo data set: a dozen fictional children known to one, two or all three agencies, so that
// every shape of joint view can be seen. NHS numbers are in the 999 test range.
import { makeNhsNumber, makeUpn } from '@hub/schema';
import type { EducationPart, HealthPart, PopulationChild, SocialCarePart } from './model';
import { writePopulation } from './writers';
import { writeDemoAccess } from './demo-access';
import { writeDemoAfterPlan } from './demo-after-plan';
import { writeDemoAttendance } from './demo-attendance';
import { demoAssessments } from './demo-assessments';

function nhs(stem: number): string {
  for (let s = stem; ; s++) {
    const n = makeNhsNumber(999_000_000 + s);
    if (n) return n;
  }
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function edu(p: Partial<EducationPart> & Pick<EducationPart, 'senStatus' | 'needs' | 'placements'>): EducationPart {
  return { uln: null, plan: null, services: [], assessments: [], ...p };
}
function hlt(p: Partial<HealthPart>): HealthPart {
  return { gpPractice: 'M85001', diagnoses: [], needs: [], provision: [], referrals: [], episodes: [], services: [], ...p };
}
function sc(p: Partial<SocialCarePart> & Pick<SocialCarePart, 'laChildId'>): SocialCarePart {
  return {
    nhsNumberKnown: true,
    cin: [],
    cp: [],
    cla: [],
    disabilities: [],
    shortBreaks: [],
    needs: [],
    provision: [],
    services: [],
    ...p,
  };
}
const mainstream = (name: string, start: string) => ({
  settingName: name,
  urn: '137001',
  settingCode: null,
  placementType: 'MAINSTREAM' as const,
  startDate: start,
  endDate: null,
});
const plan = (issuedOn: string, sectionI: string, b: string[]): NonNullable<EducationPart['plan']> => ({
  issuedOn,
  status: 'FINAL',
  ceaseReason: null,
  sectionB: b,
  sectionI,
  outcomes: [{ description: 'Uses a communication aid to make requests at school and at home', targetDate: '2027-07-20' }],
  provision: [{ description: '1:1 support for 15 hours a week from a trained teaching assistant', provider: 'School', hoursPerWeek: 15 }],
});

export const DEMO_CHILDREN: PopulationChild[] = [
  {
    id: id(1),
    nhsNumber: nhs(1),
    upn: makeUpn(937, 2001, 2016, 1),
    laCode: '937',
    givenName: 'Ava',
    familyName: 'Demo-Okafor',
    dateOfBirth: '2016-03-14',
    postcodeDistrict: 'CV34',
    education: edu({
      senStatus: 'EHC_PLAN',
      needs: ['ASD', 'SLCN'],
      placements: [mainstream('Oakfield Primary School', '2020-09-02')],
      plan: plan('2023-05-10', 'Oakfield Primary School', ['Autism: needs a predictable routine', 'Speech and language delay']),
      services: [{ serviceId: 'edu-sit-south', startDate: '2023-06-01', endDate: null }],
    }),
    health: hlt({
      diagnoses: [{ code: 'F84.0', description: 'Childhood autism', diagnosedOn: '2021-11-02', mentalHealth: false }],
      needs: [{ description: 'Limited verbal communication', mentalHealth: false }],
      provision: [{ description: 'SALT programme reviewed termly', provider: 'RX1', hoursPerWeek: 1, mentalHealth: false }],
      referrals: [{ service: 'SALT', organisation: 'RX1', referredOn: '2022-01-10', firstTreatmentOn: '2022-05-16' }],
      episodes: [{ service: 'SALT', organisation: 'RX1', startDate: '2022-05-16', endDate: null }],
      services: [{ serviceId: 'hlt-salt-rx1', startDate: '2022-05-16', endDate: null }],
    }),
    socialCare: sc({
      laChildId: 'WK100001',
      cin: [{ startDate: '2024-02-01', endDate: null, primaryNeed: 'N2' }],
      disabilities: ['AUT', 'COMM'],
      shortBreaks: [{ provider: 'Short breaks service', nightsPerYear: 24, hoursPerYear: null, startDate: '2024-04-01', endDate: null }],
      needs: ['Parents need regular short breaks to sustain care at home'],
      provision: [{ section: 'H1', description: 'Overnight short breaks, 24 nights a year', provider: 'LA short breaks service' }],
      services: [{ serviceId: 'sc-sb-937', startDate: '2024-04-01', endDate: null }],
    }),
  },
  {
    id: id(2),
    nhsNumber: nhs(20),
    upn: makeUpn(937, 4002, 2012, 2),
    laCode: '937',
    givenName: 'Ben',
    familyName: 'Demo-Walsh',
    dateOfBirth: '2012-07-30',
    postcodeDistrict: 'CV11',
    education: edu({
      senStatus: 'EHC_PLAN',
      needs: ['SEMH'],
      placements: [
        {
          settingName: 'Castle Learning Centre',
          urn: '140002',
          settingCode: null,
          placementType: 'ALTERNATIVE_PROVISION',
          startDate: '2025-01-06',
          endDate: null,
        },
        { ...mainstream('Riverside High School', '2023-09-04'), endDate: '2025-01-05' },
      ],
      plan: plan('2025-03-01', 'Castle Learning Centre', ['Social, emotional and mental health needs']),
    }),
    health: hlt({
      diagnoses: [{ code: 'F41.1', description: 'Generalised anxiety disorder', diagnosedOn: '2024-06-01', mentalHealth: true }],
      needs: [{ description: 'Anxiety affecting attendance', mentalHealth: true }],
      referrals: [{ service: 'CAMHS', organisation: 'RX1', referredOn: '2024-03-12', firstTreatmentOn: '2024-09-30' }],
      episodes: [{ service: 'CAMHS', organisation: 'RX1', startDate: '2024-09-30', endDate: null }],
    }),
    socialCare: sc({
      laChildId: 'WK100002',
      cin: [{ startDate: '2024-01-15', endDate: null, primaryNeed: 'N1' }],
      cp: [{ startDate: '2024-02-20', endDate: null, category: 'EMO' }],
      disabilities: ['BEH'],
    }),
  },
  {
    id: id(3),
    nhsNumber: nhs(40),
    upn: makeUpn(937, 7003, 2014, 3),
    laCode: '937',
    givenName: 'Cara',
    familyName: 'Demo-Nowak',
    dateOfBirth: '2014-11-05',
    postcodeDistrict: 'CV31',
    education: edu({
      senStatus: 'EHC_PLAN',
      needs: ['SLD'],
      placements: [
        {
          settingName: 'Brook Special School',
          urn: '125003',
          settingCode: null,
          placementType: 'SPECIAL_MAINTAINED',
          startDate: '2019-09-03',
          endDate: null,
        },
      ],
      plan: plan('2019-07-01', 'Brook Special School', ['Severe learning difficulties']),
    }),
    health: hlt({
      referrals: [{ service: 'OT', organisation: 'RX1', referredOn: '2025-02-03', firstTreatmentOn: '2025-06-09' }],
      episodes: [{ service: 'OT', organisation: 'RX1', startDate: '2025-06-09', endDate: '2025-12-01' }],
    }),
    socialCare: sc({
      laChildId: 'WK100003',
      cin: [{ startDate: '2022-05-01', endDate: null, primaryNeed: 'N4' }],
      cla: [{ startDate: '2023-03-10', endDate: null }],
      disabilities: ['LD'],
    }),
  },
  {
    id: id(4),
    nhsNumber: nhs(60),
    upn: makeUpn(937, 2004, 2019, 4),
    laCode: '937',
    givenName: 'Dev',
    familyName: 'Demo-Singh',
    dateOfBirth: '2019-01-22',
    postcodeDistrict: 'CV32',
    education: edu({ senStatus: 'SEN_SUPPORT', needs: ['SLCN'], placements: [mainstream('Willow Primary School', '2023-09-06')] }),
    health: hlt({ referrals: [{ service: 'SALT', organisation: 'RX1', referredOn: '2026-03-02', firstTreatmentOn: null }] }),
    socialCare: null,
  },
  {
    id: id(5),
    nhsNumber: nhs(80),
    upn: makeUpn(937, 2005, 2015, 5),
    laCode: '937',
    givenName: 'Esme',
    familyName: 'Demo-Clarke',
    dateOfBirth: '2015-09-09',
    postcodeDistrict: 'CV10',
    education: edu({
      senStatus: 'EHC_PLAN',
      needs: ['PD'],
      placements: [
        {
          settingName: 'Hillview School (resourced provision)',
          urn: '137005',
          settingCode: null,
          placementType: 'RESOURCED_PROVISION',
          startDate: '2020-09-02',
          endDate: null,
        },
      ],
      plan: plan('2020-06-15', 'Hillview School (resourced provision)', ['Physical disability: cerebral palsy']),
    }),
    health: hlt({
      diagnoses: [{ code: 'G80.1', description: 'Spastic diplegic cerebral palsy', diagnosedOn: '2016-10-01', mentalHealth: false }],
      referrals: [{ service: 'PHYSIO', organisation: 'RX1', referredOn: '2016-11-01', firstTreatmentOn: '2017-01-09' }],
      episodes: [{ service: 'PHYSIO', organisation: 'RX1', startDate: '2017-01-09', endDate: null }],
      provision: [{ description: 'Physiotherapy programme, weekly', provider: 'RX1', hoursPerWeek: 1, mentalHealth: false }],
    }),
    socialCare: null,
  },
  {
    id: id(6),
    nhsNumber: nhs(100),
    upn: makeUpn(937, 4006, 2013, 6),
    laCode: '937',
    givenName: 'Finn',
    familyName: 'Demo-Evans',
    dateOfBirth: '2013-04-18',
    postcodeDistrict: 'CV21',
    education: edu({ senStatus: 'SEN_SUPPORT', needs: ['SEMH'], placements: [mainstream('Meadow Academy', '2024-09-03')] }),
    health: null,
    socialCare: sc({ laChildId: 'WK100006', nhsNumberKnown: false, cin: [{ startDate: '2025-10-01', endDate: null, primaryNeed: 'N4' }] }),
  },
  {
    id: id(7),
    nhsNumber: nhs(120),
    upn: null,
    laCode: '937',
    givenName: 'Gia',
    familyName: 'Demo-Hussain',
    dateOfBirth: '2023-06-02',
    postcodeDistrict: 'CV35',
    education: null,
    health: hlt({
      diagnoses: [{ code: 'Q90.9', description: 'Down syndrome', diagnosedOn: '2023-06-02', mentalHealth: false }],
      referrals: [
        { service: 'COMMUNITY_PAEDIATRICS', organisation: 'RX1', referredOn: '2023-07-01', firstTreatmentOn: '2023-08-14' },
        { service: 'SALT', organisation: 'RX1', referredOn: '2025-09-15', firstTreatmentOn: null },
      ],
    }),
    socialCare: sc({
      laChildId: 'WK100007',
      cin: [{ startDate: '2024-09-01', endDate: null, primaryNeed: 'N2' }],
      disabilities: ['LD', 'COMM'],
    }),
  },
  {
    id: id(8),
    nhsNumber: nhs(140),
    upn: makeUpn(937, 2008, 2017, 8),
    laCode: '937',
    givenName: 'Hari',
    familyName: 'Demo-Patel',
    dateOfBirth: '2017-12-01',
    postcodeDistrict: 'CV1',
    education: edu({ senStatus: 'SEN_SUPPORT', needs: ['SPLD'], placements: [mainstream("St Mary's Primary School", '2022-09-05')] }),
    health: null,
    socialCare: null,
  },
  {
    id: id(9),
    nhsNumber: nhs(160),
    upn: makeUpn(937, 7009, 2011, 9),
    laCode: '937',
    givenName: 'Iris',
    familyName: 'Demo-Roberts',
    dateOfBirth: '2011-02-27',
    postcodeDistrict: 'CV37',
    education: edu({
      senStatus: 'EHC_PLAN',
      needs: ['MLD', 'SEMH'],
      placements: [
        {
          settingName: 'Oakfield Independent Special School',
          urn: '145009',
          settingCode: null,
          placementType: 'SPECIAL_INDEPENDENT',
          startDate: '2024-09-01',
          endDate: null,
        },
      ],
      plan: plan('2022-12-12', 'Oakfield Independent Special School', ['Moderate learning difficulties', 'Anxiety in large groups']),
    }),
    health: null,
    socialCare: null,
  },
  {
    id: id(10),
    nhsNumber: nhs(180),
    upn: null,
    laCode: '937',
    givenName: 'Jude',
    familyName: 'Demo-Brown',
    dateOfBirth: '2024-01-19',
    postcodeDistrict: 'CV2',
    education: null,
    health: hlt({
      referrals: [{ service: 'COMMUNITY_PAEDIATRICS', organisation: 'RX1', referredOn: '2026-05-20', firstTreatmentOn: null }],
    }),
    socialCare: null,
  },
  {
    id: id(11),
    nhsNumber: null,
    upn: null,
    laCode: '937',
    givenName: 'Kit',
    familyName: 'Demo-Fraser',
    dateOfBirth: '2009-08-08',
    postcodeDistrict: 'CV22',
    education: null,
    health: null,
    socialCare: sc({ laChildId: 'WK100011', nhsNumberKnown: false, cin: [{ startDate: '2026-01-05', endDate: null, primaryNeed: 'N5' }] }),
  },
  {
    id: id(12),
    nhsNumber: nhs(220),
    upn: null,
    laCode: '937',
    givenName: 'Lena',
    familyName: 'Demo-Morgan',
    dateOfBirth: '2007-05-11',
    postcodeDistrict: 'CV32',
    education: edu({
      senStatus: 'EHC_PLAN',
      uln: '4012345678',
      needs: ['HI'],
      placements: [
        {
          settingName: 'Warwickshire College',
          urn: '130012',
          settingCode: null,
          placementType: 'FE',
          startDate: '2023-09-04',
          endDate: null,
        },
      ],
      plan: plan('2018-03-01', 'Warwickshire College', ['Hearing impairment: needs a radio aid and a communication support worker']),
    }),
    health: hlt({
      diagnoses: [{ code: 'H90.3', description: 'Sensorineural hearing loss, bilateral', diagnosedOn: '2008-01-10', mentalHealth: false }],
    }),
    socialCare: null,
  },
];

/** Which agencies know each demo child, for tests and the README. */
export function agenciesOf(c: PopulationChild): string[] {
  return [c.education && 'education', c.health && 'health', c.socialCare && 'social care'].filter(Boolean) as string[];
}

/** Stores the demo data set (everything a fresh `npm start` shows). */
export async function writeDemo(
  urls: Record<'governance' | 'education' | 'health' | 'social-care', string>,
  today = new Date().toISOString().slice(0, 10),
) {
  const assessments = demoAssessments(today);
  const children = DEMO_CHILDREN.map((c, i) =>
    c.education && assessments[i + 1] ? { ...c, education: { ...c.education, assessments: assessments[i + 1] } } : c,
  );
  const written = await writePopulation(children, urls);
  await writeDemoAccess(urls.governance);
  await writeDemoAfterPlan(urls.education);
  await writeDemoAttendance(urls.education);
  return written;
}

// A synthetic population with national proportions (DfE SEN statistics; CIN census), generated
// deterministically from a seed. Names are invented and identifiers are valid but fictional.
import { addDays, makeNhsNumber, makeUpn, type CinDisability, type HealthService, type PlacementType, type SenType } from '@hub/schema';
import { servicesFor, LAS } from './catalogue';
import type { EducationPart, HealthPart, PopulationChild, ServiceUse, SocialCarePart } from './model';
import { Random } from './random';
import { syntheticAssessments } from './synthetic-assessments';
import { syntheticAttendance } from './synthetic-attendance';

export const REFERENCE_DATE = '2026-11-01';

// Primary need among pupils with EHC plans and on SEN support (England, 2024/25, rounded).
const EHC_NEED: Record<SenType, number> = {
  ASD: 33,
  SLCN: 21,
  SEMH: 14,
  SLD: 7,
  MLD: 6,
  SPLD: 3,
  PD: 4,
  PMLD: 2,
  HI: 1.5,
  VI: 1,
  MSI: 0.3,
  DS: 1.5,
  OTH: 2.5,
};
const SUPPORT_NEED: Record<SenType, number> = {
  SLCN: 25,
  SEMH: 21,
  MLD: 15,
  SPLD: 15,
  ASD: 9,
  PD: 3,
  HI: 1.5,
  VI: 1,
  MSI: 0.3,
  SLD: 1,
  PMLD: 0.2,
  DS: 0.5,
  OTH: 4,
};
const EHC_PLACEMENT: Record<PlacementType, number> = {
  MAINSTREAM: 40,
  RESOURCED_PROVISION: 6,
  SPECIAL_MAINTAINED: 24,
  SPECIAL_ACADEMY: 12,
  SPECIAL_NON_MAINTAINED: 2,
  SPECIAL_INDEPENDENT: 7,
  ALTERNATIVE_PROVISION: 1.5,
  FE: 4,
  SPECIALIST_POST16: 1.5,
  EHE: 1,
  NEET: 1,
};
export const GIVEN = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kai',
  'Layla',
  'Mo',
  'Nia',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tom',
  'Uma',
  'Vik',
  'Wren',
  'Yusuf',
  'Zara',
];
export const FAMILY = [
  'Adebayo',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hussain',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Okafor',
  'Patel',
  'Roberts',
  'Singh',
  'Taylor',
  'Walsh',
  'Wilson',
  'Young',
];
const SERVICE_FOR_NEED: Partial<Record<SenType, HealthService>> = {
  SLCN: 'SALT',
  ASD: 'COMMUNITY_PAEDIATRICS',
  SEMH: 'CAMHS',
  PD: 'PHYSIO',
  PMLD: 'PHYSIO',
  MSI: 'OT',
  SLD: 'OT',
  DS: 'SALT',
};
const DIAGNOSIS: Partial<Record<SenType, { code: string; description: string; mentalHealth: boolean }>> = {
  ASD: { code: 'F84.0', description: 'Childhood autism', mentalHealth: false },
  SEMH: { code: 'F90.0', description: 'Attention deficit hyperactivity disorder', mentalHealth: true },
  DS: { code: 'Q90.9', description: 'Down syndrome', mentalHealth: false },
  PD: { code: 'G80.9', description: 'Cerebral palsy', mentalHealth: false },
  HI: { code: 'H90.3', description: 'Sensorineural hearing loss, bilateral', mentalHealth: false },
  VI: { code: 'H54.0', description: 'Blindness, binocular', mentalHealth: false },
  SLCN: { code: 'F80.2', description: 'Developmental language disorder', mentalHealth: false },
};

export interface GenerateOptions {
  children: number;
  seed: number;
}

/** Yields children one at a time so that writers can stream them in batches. */
export function* generatePopulation({ children, seed }: GenerateOptions): Generator<PopulationChild> {
  const r = new Random(seed);
  // Assessments draw from their own stream, so adding them left every other value as it was.
  const ra = new Random(seed ^ 0x5eed);
  // Ceased plans draw from theirs too, for the same reason.
  const rc = new Random(seed ^ 0xcea5e);
  const rt = new Random(seed ^ 0xa77e);
  let nhsStem = 400_000_000 + (seed % 1000) * 100_000;
  for (let i = 0; i < children; i++) {
    const la = r.chance(0.6) ? LAS[0] : LAS[1];
    const district = r.pick(la.districts);
    const age = r.int(2, 20);
    const dob = addDays(REFERENCE_DATE, -(age * 365 + r.int(0, 364)));
    let nhsNumber: string | null = null;
    while (!nhsNumber) nhsNumber = makeNhsNumber(nhsStem++);
    const status = r.chance(0.045) ? 'EHC_PLAN' : r.chance(0.13 / 0.955) ? 'SEN_SUPPORT' : 'NONE';
    const inSchool = age >= 4 && age <= 16;
    const child: PopulationChild = {
      id: r.uuid(),
      nhsNumber,
      upn: inSchool || status !== 'NONE' ? makeUpn(Number(la.code), 2000 + (Math.floor(i / 1000) % 8000), 2026 - age + 4, i % 1000) : null,
      laCode: la.code,
      givenName: r.pick(GIVEN),
      familyName: r.pick(FAMILY),
      dateOfBirth: dob,
      postcodeDistrict: district,
      education: null,
      health: null,
      socialCare: null,
    };
    if (child.upn || status !== 'NONE') child.education = education(r, status, age, district);
    const needs = child.education?.needs ?? [];
    const healthChance = status === 'EHC_PLAN' ? 0.9 : status === 'SEN_SUPPORT' ? 0.4 : 0.08;
    if (r.chance(healthChance)) child.health = health(r, needs, district, status === 'EHC_PLAN');
    const socialChance = status === 'EHC_PLAN' ? 0.14 : status === 'SEN_SUPPORT' ? 0.06 : 0.025;
    if (r.chance(socialChance)) child.socialCare = socialCare(r, i, needs, district, status === 'EHC_PLAN');
    if (child.education) child.education.assessments = syntheticAssessments(ra, child, REFERENCE_DATE);
    if (child.education?.plan) ceaseSome(rc, child.education.plan);
    if (child.education) Object.assign(child.education, syntheticAttendance(rt, child.education, age));
    yield child;
  }
}

// SEN2 cease reasons among plans ceased in a year (England, rounded): most children leave at the end
// of education or training, for employment or higher education, or move away.
const CEASE_REASON: Record<string, number> = { '1': 8, '2': 22, '3': 9, '4': 10, '5': 24, '6': 12, '7': 3, '8': 1, '9': 11 };

/** About 6% of plans made before July 2025 ceased in the year before the reference date, with an SEN2 reason. */
function ceaseSome(r: Random, plan: NonNullable<EducationPart['plan']>): void {
  if (plan.issuedOn > '2025-06-30' || !r.chance(0.06)) return;
  plan.status = 'CEASED';
  plan.ceaseReason = r.weighted(CEASE_REASON);
  plan.ceasedOn = addDays(REFERENCE_DATE, -r.int(14, 300));
}

function uses(r: Random, agency: 'EDUCATION' | 'HEALTH' | 'SOCIAL_CARE', district: string, p: number): ServiceUse[] {
  return servicesFor(agency, district)
    .filter(() => r.chance(p))
    .map((s) => ({ serviceId: s.id, startDate: addDays(REFERENCE_DATE, -r.int(30, 900)), endDate: null }));
}

function education(r: Random, status: 'EHC_PLAN' | 'SEN_SUPPORT' | 'NONE', age: number, district: string): EducationPart {
  const needs: SenType[] = [];
  if (status !== 'NONE') {
    needs.push(r.weighted(status === 'EHC_PLAN' ? EHC_NEED : SUPPORT_NEED));
    if (r.chance(0.35)) {
      const second = r.weighted(SUPPORT_NEED);
      if (second !== needs[0]) needs.push(second);
    }
  }
  const type: PlacementType =
    status === 'EHC_PLAN' ? r.weighted(EHC_PLACEMENT) : age > 16 ? (r.chance(0.85) ? 'FE' : 'NEET') : r.chance(0.99) ? 'MAINSTREAM' : 'EHE';
  const start = addDays(REFERENCE_DATE, -r.int(60, 1500));
  const placements: EducationPart['placements'] = [
    {
      settingName: settingName(r, type),
      urn: type === 'EHE' || type === 'NEET' ? null : String(r.int(100000, 149999)),
      settingCode: type === 'EHE' ? 'EHE' : type === 'NEET' ? 'NEET' : null,
      placementType: type,
      startDate: start,
      endDate: null,
    },
  ];
  if (type !== 'MAINSTREAM' && r.chance(0.6)) {
    placements.push({
      settingName: settingName(r, 'MAINSTREAM'),
      urn: String(r.int(100000, 149999)),
      settingCode: null,
      placementType: 'MAINSTREAM',
      startDate: addDays(start, -r.int(365, 1500)),
      endDate: addDays(start, -1),
    });
  }
  const plan: EducationPart['plan'] =
    status === 'EHC_PLAN'
      ? {
          issuedOn: addDays(REFERENCE_DATE, -r.int(30, 2500)),
          status: 'FINAL',
          ceaseReason: null,
          sectionB: needs.map((n) => `Needs associated with ${n}`),
          outcomes: [
            { description: 'Communicates needs and choices with familiar adults', targetDate: addDays(REFERENCE_DATE, r.int(90, 700)) },
          ],
          provision: [{ description: 'Small-group literacy and language intervention', provider: 'School', hoursPerWeek: r.int(2, 25) }],
          sectionI: placements[0].settingName,
        }
      : null;
  return {
    uln: age >= 14 ? String(r.int(1_000_000_000, 9_999_999_999)) : null,
    senStatus: status,
    needs,
    placements,
    plan,
    services: status === 'NONE' ? [] : uses(r, 'EDUCATION', district, 0.25),
    assessments: [],
  };
}

function settingName(r: Random, type: PlacementType): string {
  const place = r.pick(['Oakfield', 'Riverside', "St Mary's", 'Hillview', 'Meadow', 'Castle', 'Brook', 'Willow']);
  switch (type) {
    case 'MAINSTREAM':
      return `${place} ${r.pick(['Primary School', 'Academy', 'High School'])}`;
    case 'RESOURCED_PROVISION':
      return `${place} School (resourced provision)`;
    case 'FE':
      return `${place} College`;
    case 'EHE':
      return 'Elective home education';
    case 'NEET':
      return 'Not in education, employment or training';
    case 'ALTERNATIVE_PROVISION':
      return `${place} Learning Centre`;
    default:
      return `${place} Special School`;
  }
}

function health(r: Random, needs: SenType[], district: string, ehc: boolean): HealthPart {
  const part: HealthPart = {
    gpPractice: `M${r.int(81000, 89999)}`,
    diagnoses: [],
    needs: [],
    provision: [],
    referrals: [],
    episodes: [],
    services: uses(r, 'HEALTH', district, 0.3),
  };
  const org = district.startsWith('CB') || district.startsWith('PE') ? 'RGT' : 'RX1';
  for (const n of needs) {
    const d = DIAGNOSIS[n];
    if (d && r.chance(0.7)) part.diagnoses.push({ ...d, diagnosedOn: addDays(REFERENCE_DATE, -r.int(100, 2500)) });
  }
  const services = new Set<HealthService>(needs.map((n) => SERVICE_FOR_NEED[n]).filter((s): s is HealthService => !!s));
  if (r.chance(0.15)) services.add(r.pick(['SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_PAEDIATRICS'] as const));
  for (const service of services) {
    const referredOn = addDays(REFERENCE_DATE, -r.int(10, 700));
    // Waits are long-tailed: the mean differs by service (CAMHS and paediatrics wait longest).
    const mean = service === 'CAMHS' ? 150 : service === 'COMMUNITY_PAEDIATRICS' ? 200 : 90;
    const wait = Math.round(r.exponential(mean));
    const treated = addDays(referredOn, wait);
    const firstTreatmentOn = treated <= REFERENCE_DATE ? treated : null;
    part.referrals.push({ service, organisation: org, referredOn, firstTreatmentOn });
    if (firstTreatmentOn)
      part.episodes.push({
        service,
        organisation: org,
        startDate: firstTreatmentOn,
        endDate: r.chance(0.5) ? addDays(firstTreatmentOn, r.int(40, 300)) : null,
      });
  }
  if (ehc) {
    part.needs.push({ description: 'Needs support with communication and feeding', mentalHealth: false });
    part.provision.push({
      description: 'Speech and language therapy programme reviewed termly',
      provider: org,
      hoursPerWeek: 1,
      mentalHealth: false,
    });
    if (services.has('CAMHS')) part.needs.push({ description: 'Anxiety affecting attendance', mentalHealth: true });
  }
  return part;
}

const DISABILITY_FOR_NEED: Partial<Record<SenType, CinDisability>> = {
  ASD: 'AUT',
  PD: 'MOB',
  HI: 'HEAR',
  VI: 'VIS',
  SLCN: 'COMM',
  SLD: 'LD',
  PMLD: 'LD',
  SEMH: 'BEH',
  MLD: 'LD',
};

function socialCare(r: Random, index: number, needs: SenType[], district: string, ehc: boolean): SocialCarePart {
  const disabilities = [...new Set(needs.map((n) => DISABILITY_FOR_NEED[n]).filter((d): d is CinDisability => !!d))];
  const start = addDays(REFERENCE_DATE, -r.int(30, 1500));
  const open = r.chance(0.6);
  const part: SocialCarePart = {
    laChildId: `C${String(index).padStart(7, '0')}`,
    nhsNumberKnown: r.chance(0.7),
    cin: [
      {
        startDate: start,
        endDate: open ? null : addDays(start, r.int(60, 600)),
        primaryNeed:
          disabilities.length && r.chance(0.5) ? 'N2' : r.weighted({ N1: 55, N3: 4, N4: 13, N5: 14, N6: 2, N7: 1, N8: 4, N9: 3, N0: 4 }),
      },
    ],
    cp: [],
    cla: [],
    disabilities: disabilities.length ? disabilities : ['NONE'],
    shortBreaks: [],
    needs: [],
    provision: [],
    services: uses(r, 'SOCIAL_CARE', district, 0.3),
  };
  if (r.chance(0.12))
    part.cp.push({
      startDate: addDays(start, r.int(0, 30)),
      endDate: open && r.chance(0.5) ? null : addDays(start, r.int(60, 400)),
      category: r.weighted({ NEG: 50, EMO: 36, PHY: 7, SAB: 4, MUL: 3 }),
    });
  if (r.chance(0.2))
    part.cla.push({ startDate: addDays(start, r.int(0, 60)), endDate: r.chance(0.6) ? null : addDays(start, r.int(120, 900)) });
  if (disabilities.length && r.chance(0.4))
    part.shortBreaks.push({
      provider: 'Short breaks service',
      nightsPerYear: r.int(6, 52),
      hoursPerYear: null,
      startDate: addDays(start, 30),
      endDate: null,
    });
  if (ehc) {
    part.needs.push('Family needs support to manage care at home');
    part.provision.push({ section: 'H1', description: 'Short breaks under s.2 CSDPA 1970', provider: 'LA short breaks service' });
  }
  return part;
}

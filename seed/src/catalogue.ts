// The commissioned services of the demo and synthetic areas (Open Referral UK shape).
import type { CatalogueService } from './model';

export const LAS = [
  { code: '937', districts: ['CV1', 'CV2', 'CV3', 'CV10', 'CV11', 'CV21', 'CV22', 'CV31', 'CV32', 'CV34', 'CV35', 'CV37', 'B49', 'B50'] },
  { code: '873', districts: ['CB1', 'CB2', 'CB3', 'CB4', 'CB5', 'CB6', 'CB7', 'CB21', 'CB22', 'CB23', 'CB24', 'PE13', 'PE15', 'PE19'] },
] as const;

function svc(
  id: string,
  agency: CatalogueService['agency'],
  organisation: string,
  name: string,
  taxonomy: string,
  capacity: number,
  serviceArea: string[],
  eligibility: string,
): CatalogueService {
  return { id, agency, organisation, name, description: `${name} (${organisation})`, eligibility, capacity, serviceArea, taxonomy };
}

const north937 = ['CV10', 'CV11', 'CV21', 'CV22', 'B49', 'B50'];
const south937 = ['CV1', 'CV2', 'CV3', 'CV31', 'CV32', 'CV34', 'CV35', 'CV37'];
const all873 = [...LAS[1].districts];

export const CATALOGUE: CatalogueService[] = [
  svc(
    'edu-sit-north',
    'EDUCATION',
    'LA937',
    'Specialist teaching and inclusion service (north)',
    'education:specialist-teaching',
    900,
    north937,
    'SEN support or EHC plan',
  ),
  svc(
    'edu-sit-south',
    'EDUCATION',
    'LA937',
    'Specialist teaching and inclusion service (south)',
    'education:specialist-teaching',
    1100,
    south937,
    'SEN support or EHC plan',
  ),
  svc(
    'edu-ep-937',
    'EDUCATION',
    'LA937',
    'Educational psychology service',
    'education:educational-psychology',
    700,
    [...north937, ...south937],
    'Referral by school SENCO',
  ),
  svc(
    'edu-sit-873',
    'EDUCATION',
    'LA873',
    'SEND outreach and advisory service',
    'education:specialist-teaching',
    1500,
    all873,
    'SEN support or EHC plan',
  ),
  svc(
    'hlt-salt-rx1',
    'HEALTH',
    'RX1',
    "Children's speech and language therapy",
    'health:salt',
    1600,
    [...north937, ...south937],
    'Speech, language or swallowing needs',
  ),
  svc(
    'hlt-ot-rx1',
    'HEALTH',
    'RX1',
    "Children's occupational therapy",
    'health:ot',
    700,
    [...north937, ...south937],
    'Functional or sensory needs',
  ),
  svc('hlt-physio-rx1', 'HEALTH', 'RX1', "Children's physiotherapy", 'health:physio', 500, [...north937, ...south937], 'Physical needs'),
  svc('hlt-camhs-rx1', 'HEALTH', 'RX1', 'CAMHS', 'health:camhs', 900, [...north937, ...south937], 'Moderate to severe mental health needs'),
  svc(
    'hlt-paeds-rx1',
    'HEALTH',
    'RX1',
    'Community paediatrics and neurodevelopmental pathway',
    'health:community-paediatrics',
    1200,
    [...north937, ...south937],
    'Developmental concerns; autism and ADHD assessment',
  ),
  svc('hlt-salt-rgt', 'HEALTH', 'RGT', "Children's therapies (SALT, OT, physio)", 'health:therapies', 2000, all873, 'Therapy needs'),
  svc('hlt-camhs-rgt', 'HEALTH', 'RGT', 'CAMHS', 'health:camhs', 800, all873, 'Moderate to severe mental health needs'),
  svc(
    'sc-sb-937',
    'SOCIAL_CARE',
    'LA937',
    'Short breaks for disabled children',
    'social-care:short-breaks',
    650,
    [...north937, ...south937],
    'Disabled children with an assessed need',
  ),
  svc(
    'sc-cwd-937',
    'SOCIAL_CARE',
    'LA937',
    'Children with disabilities team',
    'social-care:disabled-children',
    400,
    [...north937, ...south937],
    'Children with severe or complex disabilities',
  ),
  svc(
    'sc-sb-873',
    'SOCIAL_CARE',
    'LA873',
    'Short breaks and family support',
    'social-care:short-breaks',
    700,
    all873,
    'Disabled children with an assessed need',
  ),
];

export function servicesFor(agency: CatalogueService['agency'], district: string): CatalogueService[] {
  return CATALOGUE.filter((s) => s.agency === agency && s.serviceArea.includes(district));
}

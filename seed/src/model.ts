// The shape of a child's records across the agencies, before they are split into each agency's
// own database. Demo data and the synthetic population both produce this; writers.ts stores it.
import type {
  AdviceType,
  Agency,
  ExceptionKind,
  ExclusionKind,
  Term,
  CinDisability,
  CinPrimaryNeed,
  CpCategory,
  HealthService,
  PlacementType,
  SenStatus,
  SenType,
} from '@hub/schema';

export interface ServiceUse {
  serviceId: string;
  startDate: string;
  endDate: string | null;
}

export interface EducationPart {
  uln: string | null;
  senStatus: SenStatus;
  needs: SenType[];
  placements: {
    settingName: string;
    urn: string | null;
    settingCode: string | null;
    placementType: PlacementType;
    startDate: string;
    endDate: string | null;
  }[];
  plan: {
    issuedOn: string;
    status: 'DRAFT' | 'FINAL' | 'CEASED';
    ceaseReason: string | null;
    /** The day a CEASED plan ceased, where known (the synthetic population knows it). */
    ceasedOn?: string | null;
    sectionB: string[];
    outcomes: { description: string; targetDate: string | null }[];
    provision: { description: string; provider: string; hoursPerWeek: number | null }[];
    sectionI: string | null;
  } | null;
  services: ServiceUse[];
  /** EHC needs assessments (education owns them; advice goes to the agency that wrote it). */
  assessments: AssessmentPart[];
  /** Attendance per term (schema/src/attendance.ts), for pupils of school age. */
  attendance?: { termStart: string; term: Term; possible: number; attended: number; authorised: number; unauthorised: number }[];
  /** Suspensions (with their length in sessions) and permanent exclusions. */
  exclusions?: { id: string; kind: ExclusionKind; startOn: string; sessions: number | null }[];
}

/** One version of advice, as the advising agency stores it. */
export interface AdviceVersion {
  submittedOn: string;
  authorName: string;
  authorRole: string;
  adviceDate: string;
  needs: string[];
  outcomes: string[];
  provision: { section: string; description: string; provider: string | null; hoursPerWeek: number | null }[];
}

export interface AdviceRequestPart {
  id: string;
  adviceType: AdviceType;
  agency: Agency;
  organisation: string;
  requestedOn: string;
  /** When the first version reached the LA; null while outstanding. */
  receivedOn: string | null;
  /** reg 6(4): existing advice agreed still sufficient, instead of a request. */
  existing: { reference: string; agreedOn: string } | null;
  /** Health and social care advice as written, oldest version first (empty for other agencies). */
  versions: AdviceVersion[];
  /** Id of the advice across its versions (health and social care). */
  adviceId: string | null;
}

export interface AssessmentPart {
  id: string;
  requestReceivedOn: string;
  decision: 'Y' | 'N' | 'A';
  decidedOn: string | null;
  draftIssuedOn: string | null;
  finalIssuedOn: string | null;
  notIssuedNoticeOn: string | null;
  withdrawnOn: string | null;
  exceptions: { id: string; kind: ExceptionKind; reason: string; startOn: string; endOn: string; adviceRequestId: string | null }[];
  adviceRequests: AdviceRequestPart[];
}

export interface HealthPart {
  gpPractice: string | null;
  diagnoses: { code: string; description: string; diagnosedOn: string; mentalHealth: boolean }[];
  needs: { description: string; mentalHealth: boolean }[];
  provision: { description: string; provider: string; hoursPerWeek: number | null; mentalHealth: boolean }[];
  referrals: { service: HealthService; organisation: string; referredOn: string; firstTreatmentOn: string | null }[];
  episodes: { service: HealthService; organisation: string; startDate: string; endDate: string | null }[];
  services: ServiceUse[];
}

export interface SocialCarePart {
  laChildId: string;
  /** Children's social care records may lack the NHS number. */
  nhsNumberKnown: boolean;
  cin: { startDate: string; endDate: string | null; primaryNeed: CinPrimaryNeed }[];
  cp: { startDate: string; endDate: string | null; category: CpCategory }[];
  cla: { startDate: string; endDate: string | null }[];
  disabilities: CinDisability[];
  shortBreaks: { provider: string; nightsPerYear: number | null; hoursPerYear: number | null; startDate: string; endDate: string | null }[];
  needs: string[];
  provision: { section: 'H1' | 'H2'; description: string; provider: string }[];
  services: ServiceUse[];
}

export interface PopulationChild {
  id: string;
  nhsNumber: string | null;
  upn: string | null;
  laCode: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcodeDistrict: string;
  education: EducationPart | null;
  health: HealthPart | null;
  socialCare: SocialCarePart | null;
}

export interface CatalogueService {
  id: string;
  agency: 'EDUCATION' | 'HEALTH' | 'SOCIAL_CARE';
  organisation: string;
  name: string;
  description: string;
  eligibility: string;
  capacity: number;
  serviceArea: string[];
  taxonomy: string;
}

// The FHIR (UK Core R4) systems and codes the health ingestion reads, and the rule that makes a
// diagnosis a mental-health one. Kept here, once, so the ingestion, the generator and the docs agree.
import { HEALTH_SERVICES, type HealthService } from '../codes';

export const FHIR_SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  /** The hub's own code system for the services it tracks waits for; codes are HEALTH_SERVICES. */
  hubHealthService: 'https://send-hub.example.org/CodeSystem/health-service',
} as const;

export const NHS_NUMBER_VERIFICATION = {
  extension: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
  /** 01 verified: linked on. 02 present but not traced: linked, with a warning. Anything else is not a number to link a child on. */
  accepted: ['01', '02'] as const,
  all: ['01', '02', '03', '04', '05', '06', '07', '08'] as const,
};

/** Resource types a health Bundle may carry; anything else is an error, not silently dropped. */
export const FHIR_RESOURCE_TYPES = ['Patient', 'Condition', 'ServiceRequest', 'EpisodeOfCare', 'Encounter'] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

/**
 * ICD-10 chapter V (F00–F99) is mental and behavioural disorders, except that the hub treats
 * intellectual disability (F70–F79) and developmental disorders (F80–F89: speech and language,
 * autism) as health, not mental health, as the seed's model and the SEND Code of Practice do.
 */
export function isMentalHealthIcd10(code: string): boolean {
  const m = /^F(\d\d)/.exec(code.toUpperCase());
  if (!m) return false;
  const n = Number(m[1]);
  return !(n >= 70 && n <= 89);
}

export const ICD10_CODE = /^[A-Z]\d\d(\.\d{1,2})?$/;

export function isHealthService(code: unknown): code is HealthService {
  return typeof code === 'string' && (HEALTH_SERVICES as readonly string[]).includes(code);
}

/** The ODS code form: 3 to 6 capital letters and digits (trusts RX1, practices M85011). */
export const ODS_CODE = /^[A-Z0-9]{3,6}$/;

// Reads a FHIR R4 transaction or batch Bundle (UK Core) into the hub's health model, checking
// everything before anything is written. Problems name the entry and the field, never a value.
import type {
  Bundle,
  BundleEntry,
  Condition,
  Encounter,
  EpisodeOfCare,
  Identifier,
  Patient,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { IssueList } from '@hub/ingest/issues';
import {
  FHIR_RESOURCE_TYPES,
  FHIR_SYSTEMS,
  ICD10_CODE,
  isHealthService,
  isMentalHealthIcd10,
  isoDateProblem,
  nhsNumberProblem,
  NHS_NUMBER_VERIFICATION,
  ODS_CODE,
  type FhirResourceType,
  type HealthService,
} from '@hub/schema';

export interface PatientIn {
  entry: number;
  nhsNumber: string;
  gpPractice: string | null;
}
export interface DiagnosisIn {
  entry: number;
  sourceId: string;
  nhsNumber: string;
  code: string;
  description: string;
  diagnosedOn: string;
  mentalHealth: boolean;
}
export interface ReferralIn {
  entry: number;
  sourceId: string;
  nhsNumber: string;
  service: HealthService;
  organisation: string;
  referredOn: string;
  firstTreatmentOn: string | null;
}
export interface EpisodeIn {
  entry: number;
  sourceId: string;
  nhsNumber: string;
  service: HealthService;
  organisation: string;
  startDate: string;
  endDate: string | null;
  careManager: string | null;
}

/** What the source says about each entry, for the per-entry response. */
export interface EntryKey {
  resourceType: FhirResourceType;
  sourceId: string | null;
  nhsNumber: string | null;
  skipped?: 'entered-in-error' | 'informational';
}

export interface ParsedBundle {
  submissionId: string;
  type: 'transaction' | 'batch';
  entries: EntryKey[];
  patients: PatientIn[];
  diagnoses: DiagnosisIn[];
  referrals: ReferralIn[];
  episodes: EpisodeIn[];
  issues: IssueList;
}

const SOURCE_ID = /^[\x21-\x7e]{1,200}$/;
const SUBMISSION_ID = /^[\w.:-]{1,100}$/;
const ERRORED = new Set(['entered-in-error']);

/** A FHIR date or dateTime as a calendar date; null with the reason when it is not one. */
function dateOf(v: unknown): { date: string | null; problem: string | null } {
  if (typeof v !== 'string') return { date: null, problem: 'is missing' };
  const date = v.slice(0, 10);
  if (v.length > 10 && !/^T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(v.slice(10)))
    return { date: null, problem: 'is not a FHIR dateTime' };
  const p = isoDateProblem(date);
  return p ? { date: null, problem: p } : { date, problem: null };
}

const identifierKey = (i: Identifier | undefined) => (i?.system && i.value ? `${i.system}|${i.value}` : null);

/** `Type?identifier=system|value`, the conditional form the hub requires, parsed. */
function conditional(url: string | undefined, type: string): string | null {
  if (!url) return null;
  const m = new RegExp(`^(?:${type})?\\??identifier=(.+)$`).exec(url);
  return m ? decodeURIComponent(m[1]) : null;
}

function codings(
  c:
    | { coding?: { system?: string; code?: string; display?: string }[] }
    | { coding?: { system?: string; code?: string; display?: string }[] }[]
    | undefined,
) {
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return list.flatMap((x) => x.coding ?? []);
}

export function parseBundle(doc: unknown): ParsedBundle {
  const issues = new IssueList();
  const out: ParsedBundle = {
    submissionId: '',
    type: 'transaction',
    entries: [],
    patients: [],
    diagnoses: [],
    referrals: [],
    episodes: [],
    issues,
  };
  const b = doc as Bundle;
  if (!b || typeof b !== 'object' || b.resourceType !== 'Bundle') {
    issues.error(null, 'Bundle', 'resourceType', 'FHIR-BUNDLE', 'must be a Bundle');
    return out;
  }
  if (b.type !== 'transaction' && b.type !== 'batch')
    issues.error(null, 'Bundle', 'type', 'FHIR-BUNDLE-TYPE', 'must be transaction or batch');
  else out.type = b.type;
  if (!b.identifier?.value || !SUBMISSION_ID.test(b.identifier.value))
    issues.error(null, 'Bundle', 'identifier.value', 'FHIR-SUBMISSION-ID', 'must be the submission id (1-100 letters, digits, . : _ -)');
  else out.submissionId = b.identifier.value;
  if (!Array.isArray(b.entry) || b.entry.length === 0) {
    issues.error(null, 'Bundle', 'entry', 'FHIR-EMPTY', 'must hold at least one entry');
    return out;
  }

  // First pass: patients, and where each entry's fullUrl points, so references resolve in any order.
  const patientByUrl = new Map<string, string>();
  const patientNhs = new Set<string>();
  const requestByUrl = new Map<string, string>();
  const seen = new Set<string>();
  const entries = b.entry as BundleEntry[];
  entries.forEach((e, i) => {
    const r = e?.resource as Resource | undefined;
    const type = r?.resourceType as FhirResourceType | undefined;
    if (!r || !type || !(FHIR_RESOURCE_TYPES as readonly string[]).includes(type)) {
      issues.error(
        i,
        r?.resourceType ?? null,
        'resource.resourceType',
        'FHIR-RESOURCE-TYPE',
        `must be one of ${FHIR_RESOURCE_TYPES.join(', ')}`,
      );
      out.entries.push({ resourceType: 'Patient', sourceId: null, nhsNumber: null });
      return;
    }
    let sourceId: string | null;
    if (type === 'Patient') {
      const nhs = (r as Patient).identifier?.find((x) => x.system === FHIR_SYSTEMS.nhsNumber);
      sourceId = nhs?.value ? `${FHIR_SYSTEMS.nhsNumber}|${nhs.value}` : null;
      if (!nhs?.value) issues.error(i, type, 'identifier', 'FHIR-NHS-NUMBER', `needs an NHS number under ${FHIR_SYSTEMS.nhsNumber}`);
      else if (nhsNumberProblem(nhs.value))
        issues.error(i, type, 'identifier.value', 'FHIR-NHS-NUMBER', 'is not a valid NHS number (check digit)');
      else {
        if (patientNhs.has(nhs.value))
          issues.error(i, type, 'identifier.value', 'FHIR-DUPLICATE', 'the same NHS number is on two Patient entries');
        patientNhs.add(nhs.value);
        if (e.fullUrl) patientByUrl.set(e.fullUrl, nhs.value);
        patientByUrl.set(`Patient?identifier=${sourceId}`, nhs.value);
      }
    } else {
      const ids = (r as { identifier?: Identifier[] }).identifier ?? [];
      sourceId = identifierKey(ids[0]);
      if (!sourceId || !SOURCE_ID.test(sourceId)) {
        issues.error(
          i,
          type,
          'identifier',
          'FHIR-IDENTIFIER',
          'needs a business identifier (system and value, at most 200 characters): the source id a replay is matched on',
        );
        sourceId = null;
      }
      if (sourceId && type === 'ServiceRequest') {
        if (e.fullUrl) requestByUrl.set(e.fullUrl, sourceId);
        requestByUrl.set(`ServiceRequest?identifier=${sourceId}`, sourceId);
      }
    }
    if (sourceId) {
      const k = `${type}|${sourceId}`;
      if (seen.has(k)) issues.error(i, type, 'identifier', 'FHIR-DUPLICATE', 'the same identifier is on two entries of this type');
      seen.add(k);
    }
    out.entries.push({ resourceType: type, sourceId, nhsNumber: type === 'Patient' && sourceId ? sourceId.split('|')[1] : null });
    // Conditional create or update only: a replayed Bundle must match what the first one made.
    const req = e.request;
    const matchOn = type === 'Patient' ? sourceId : sourceId;
    if (!req) issues.error(i, type, 'request', 'FHIR-REQUEST', 'needs a request (transaction and batch entries carry one)');
    else if (req.method === 'POST') {
      if (conditional(req.ifNoneExist, '') !== matchOn)
        issues.error(
          i,
          type,
          'request.ifNoneExist',
          'FHIR-CONDITIONAL',
          'must be identifier=<system>|<value> of the resource (conditional create), so a replay creates nothing',
        );
    } else if (req.method === 'PUT') {
      if (!req.url?.startsWith(`${type}?`) || conditional(req.url, type) !== matchOn)
        issues.error(
          i,
          type,
          'request.url',
          'FHIR-CONDITIONAL',
          `must be ${type}?identifier=<system>|<value> of the resource (conditional update)`,
        );
    } else
      issues.error(
        i,
        type,
        'request.method',
        'FHIR-METHOD',
        'must be POST (with ifNoneExist) or PUT (conditional); records the source stops sending are closed by omission',
      );
  });

  const subjectOf = (i: number, type: string, field: string, ref: Reference | undefined): string | null => {
    let nhs: string | undefined;
    if (ref?.reference) nhs = patientByUrl.get(ref.reference);
    else if (ref?.identifier?.system === FHIR_SYSTEMS.nhsNumber && ref.identifier.value)
      nhs = patientNhs.has(ref.identifier.value) ? ref.identifier.value : undefined;
    if (!nhs)
      issues.error(
        i,
        type,
        field,
        'FHIR-SUBJECT',
        'must reference a Patient entry of this Bundle (fullUrl, Patient?identifier= or an NHS number identifier)',
      );
    return nhs ?? null;
  };
  const odsOf = (i: number, type: string, field: string, ref: Reference | undefined, required: boolean): string | null => {
    const v = ref?.identifier?.system === FHIR_SYSTEMS.odsOrganisation ? ref.identifier.value : undefined;
    if (v && ODS_CODE.test(v)) return v;
    if (v || required) issues.error(i, type, field, 'FHIR-ODS', `must be an organisation identifier under ${FHIR_SYSTEMS.odsOrganisation}`);
    return null;
  };
  const serviceOf = (i: number, type: string, field: string, cs: Parameters<typeof codings>[0]): HealthService | null => {
    const c = codings(cs).find((x) => x.system === FHIR_SYSTEMS.hubHealthService);
    if (isHealthService(c?.code)) return c.code;
    issues.error(i, type, field, 'FHIR-SERVICE', `needs a coding from ${FHIR_SYSTEMS.hubHealthService}`);
    return null;
  };
  const dateField = (i: number, type: string, field: string, v: unknown, required = true): string | null => {
    if (v == null && !required) return null;
    const { date, problem } = dateOf(v);
    if (problem) issues.error(i, type, field, 'FHIR-DATE', problem);
    return date;
  };

  // First treatment: the earliest Encounter that happened, per referral it is based on.
  const firstTreatment = new Map<string, string>();
  entries.forEach((e, i) => {
    const r = e?.resource as Encounter | undefined;
    if (r?.resourceType !== 'Encounter') return;
    out.entries[i].nhsNumber = subjectOf(i, 'Encounter', 'subject', r.subject);
    if (r.status === 'cancelled' || r.status === 'planned' || ERRORED.has(r.status)) {
      out.entries[i].skipped = ERRORED.has(r.status) ? 'entered-in-error' : 'informational';
      return;
    }
    const start = dateField(i, 'Encounter', 'period.start', r.period?.start);
    const based = (r.basedOn ?? []).map((ref) => (ref.reference ? requestByUrl.get(ref.reference) : identifierKey(ref.identifier)));
    if (!based.length) {
      issues.warning(
        i,
        'Encounter',
        'basedOn',
        'FHIR-ENCOUNTER-REFERRAL',
        'names no referral (ServiceRequest), so it sets no first treatment date; ignored',
      );
      out.entries[i].skipped = 'informational';
    }
    for (const s of based) {
      if (!s) issues.error(i, 'Encounter', 'basedOn', 'FHIR-REF', 'must reference a ServiceRequest of this Bundle');
      else if (start && (!firstTreatment.has(s) || start < firstTreatment.get(s)!)) firstTreatment.set(s, start);
    }
  });

  entries.forEach((e, i) => {
    const r = e?.resource as Resource | undefined;
    const key = out.entries[i];
    if (!r) return;
    if (r.resourceType === 'Patient') {
      const p = r as Patient;
      const nhsId = p.identifier?.find((x) => x.system === FHIR_SYSTEMS.nhsNumber);
      const ext = nhsId?.extension?.find((x) => x.url === NHS_NUMBER_VERIFICATION.extension);
      const status = ext?.valueCodeableConcept?.coding?.find((c) => c.system === NHS_NUMBER_VERIFICATION.system)?.code;
      if (!status || !(NHS_NUMBER_VERIFICATION.all as readonly string[]).includes(status))
        issues.error(i, 'Patient', 'identifier.extension', 'FHIR-NHS-VERIFICATION', 'needs the UK Core NHS number verification status');
      else if (!(NHS_NUMBER_VERIFICATION.accepted as readonly string[]).includes(status))
        issues.error(
          i,
          'Patient',
          'identifier.extension',
          'FHIR-NHS-VERIFICATION',
          'the NHS number is not verified (status 03-08): a child is not linked on it',
        );
      else if (status === '02')
        issues.warning(
          i,
          'Patient',
          'identifier.extension',
          'FHIR-NHS-VERIFICATION',
          'the NHS number is present but not traced (02); linked, trace it',
        );
      const gp = (p.generalPractitioner ?? []).find((g) => g.identifier?.system === FHIR_SYSTEMS.odsOrganisation);
      const gpPractice = gp ? odsOf(i, 'Patient', 'generalPractitioner', gp, false) : null;
      if (key.nhsNumber) out.patients.push({ entry: i, nhsNumber: key.nhsNumber, gpPractice });
    } else if (r.resourceType === 'Condition') {
      const c = r as Condition;
      const nhs = (key.nhsNumber = subjectOf(i, 'Condition', 'subject', c.subject));
      if (codings([c.verificationStatus ?? {}]).some((x) => x.code && ERRORED.has(x.code))) return void (key.skipped = 'entered-in-error');
      const icd = codings([c.code ?? {}]).find((x) => x.system === FHIR_SYSTEMS.icd10);
      if (!icd?.code || !ICD10_CODE.test(icd.code))
        issues.error(i, 'Condition', 'code.coding', 'FHIR-ICD10', `needs an ICD-10 code under ${FHIR_SYSTEMS.icd10}`);
      const description = c.code?.text ?? icd?.display;
      if (!description || description.length > 500)
        issues.error(
          i,
          'Condition',
          'code.text',
          'FHIR-TEXT',
          'needs a description (code.text or the coding display), at most 500 characters',
        );
      const diagnosedOn = dateField(i, 'Condition', 'onsetDateTime', c.onsetDateTime ?? c.recordedDate);
      if (nhs && key.sourceId && icd?.code && description && diagnosedOn)
        out.diagnoses.push({
          entry: i,
          sourceId: key.sourceId,
          nhsNumber: nhs,
          code: icd.code,
          description,
          diagnosedOn,
          mentalHealth: isMentalHealthIcd10(icd.code),
        });
    } else if (r.resourceType === 'ServiceRequest') {
      const s = r as ServiceRequest;
      const nhs = (key.nhsNumber = subjectOf(i, 'ServiceRequest', 'subject', s.subject));
      if (s.status === 'entered-in-error' || s.status === 'revoked' || s.status === 'draft')
        return void (key.skipped = s.status === 'entered-in-error' ? 'entered-in-error' : 'informational');
      const service = serviceOf(i, 'ServiceRequest', 'category', [...(s.category ?? []), ...(s.code ? [s.code] : [])]);
      const organisation = odsOf(i, 'ServiceRequest', 'performer', (s.performer ?? [])[0], true);
      const referredOn = dateField(i, 'ServiceRequest', 'authoredOn', s.authoredOn);
      const firstTreatmentOn = key.sourceId ? (firstTreatment.get(key.sourceId) ?? null) : null;
      if (referredOn && firstTreatmentOn && firstTreatmentOn < referredOn)
        issues.error(i, 'ServiceRequest', 'authoredOn', 'FHIR-DATE-ORDER', 'is after the first Encounter based on it');
      if (nhs && key.sourceId && service && organisation && referredOn)
        out.referrals.push({ entry: i, sourceId: key.sourceId, nhsNumber: nhs, service, organisation, referredOn, firstTreatmentOn });
    } else if (r.resourceType === 'EpisodeOfCare') {
      const ep = r as EpisodeOfCare;
      const nhs = (key.nhsNumber = subjectOf(i, 'EpisodeOfCare', 'patient', ep.patient));
      if (ep.status === 'entered-in-error' || ep.status === 'cancelled' || ep.status === 'planned' || ep.status === 'waitlist')
        return void (key.skipped = ep.status === 'entered-in-error' ? 'entered-in-error' : 'informational');
      const service = serviceOf(i, 'EpisodeOfCare', 'type', ep.type);
      const organisation = odsOf(i, 'EpisodeOfCare', 'managingOrganization', ep.managingOrganization, true);
      const startDate = dateField(i, 'EpisodeOfCare', 'period.start', ep.period?.start);
      const endDate = dateField(i, 'EpisodeOfCare', 'period.end', ep.period?.end, false);
      if (startDate && endDate && endDate < startDate)
        issues.error(i, 'EpisodeOfCare', 'period.end', 'FHIR-DATE-ORDER', 'is before period.start');
      let careManager: string | null = null;
      if (ep.careManager) {
        const v = ep.careManager.identifier?.system === FHIR_SYSTEMS.sdsUser ? ep.careManager.identifier.value : undefined;
        if (!v || !/^[\w.@:-]{1,100}$/.test(v))
          issues.error(
            i,
            'EpisodeOfCare',
            'careManager',
            'FHIR-CARE-MANAGER',
            `must be a practitioner identifier under ${FHIR_SYSTEMS.sdsUser} (the hub user id)`,
          );
        else careManager = v;
      }
      if (nhs && key.sourceId && service && organisation && startDate)
        out.episodes.push({ entry: i, sourceId: key.sourceId, nhsNumber: nhs, service, organisation, startDate, endDate, careManager });
    }
  });
  return out;
}

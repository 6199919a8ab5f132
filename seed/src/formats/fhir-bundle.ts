// Writes the synthetic population's health part as FHIR R4 transaction Bundles (UK Core shapes),
// what a trust's EPR would send: a Patient per child with its verified NHS number, a Condition per
// diagnosis (ICD-10), a ServiceRequest per referral, an Encounter for each first treatment and an
// EpisodeOfCare per therapy episode (naming its care manager when one is given).
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { FHIR_SYSTEMS, NHS_NUMBER_VERIFICATION } from '@hub/schema';
import type { PopulationChild } from '../model';

/** The trust's own identifier systems: source ids a replay is matched on. */
export const TRUST_SYSTEMS = {
  condition: 'https://trust.example.nhs.uk/Id/condition',
  referral: 'https://trust.example.nhs.uk/Id/referral',
  encounter: 'https://trust.example.nhs.uk/Id/encounter',
  episode: 'https://trust.example.nhs.uk/Id/episode',
} as const;

export interface FhirBundleOptions {
  submissionId: string;
  type?: 'transaction' | 'batch';
  /** The hub user id (SDS user id) named as each open episode's care manager; none when absent. */
  careManager?: (child: PopulationChild, episode: number) => string | undefined;
}

function entry(fullUrl: string, resource: Resource, identifier: string, put = false): BundleEntry {
  const type = resource.resourceType;
  return {
    fullUrl,
    resource,
    request: put
      ? { method: 'PUT', url: `${type}?identifier=${identifier}` }
      : { method: 'POST', url: type, ifNoneExist: `identifier=${identifier}` },
  };
}

export function fhirBundle(children: Iterable<PopulationChild>, opts: FhirBundleOptions): Bundle {
  const entries: BundleEntry[] = [];
  for (const c of children) {
    if (!c.health || !c.nhsNumber) continue;
    const h = c.health;
    const patientUrl = `urn:uuid:${c.id}`;
    entries.push(
      entry(
        patientUrl,
        {
          resourceType: 'Patient',
          identifier: [
            {
              system: FHIR_SYSTEMS.nhsNumber,
              value: c.nhsNumber,
              extension: [
                {
                  url: NHS_NUMBER_VERIFICATION.extension,
                  valueCodeableConcept: {
                    coding: [{ system: NHS_NUMBER_VERIFICATION.system, code: '01', display: 'Number present and verified' }],
                  },
                },
              ],
            },
          ],
          generalPractitioner: h.gpPractice ? [{ identifier: { system: FHIR_SYSTEMS.odsOrganisation, value: h.gpPractice } }] : undefined,
        },
        `${FHIR_SYSTEMS.nhsNumber}|${c.nhsNumber}`,
        true,
      ),
    );
    const subject = { reference: patientUrl };
    h.diagnoses.forEach((d, k) => {
      const id = `${c.nhsNumber}-dx-${k}`;
      entries.push(
        entry(
          `urn:uuid:${c.id}-dx-${k}`,
          {
            resourceType: 'Condition',
            identifier: [{ system: TRUST_SYSTEMS.condition, value: id }],
            subject,
            clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
            verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
            code: { coding: [{ system: FHIR_SYSTEMS.icd10, code: d.code, display: d.description }], text: d.description },
            onsetDateTime: d.diagnosedOn,
          },
          `${TRUST_SYSTEMS.condition}|${id}`,
        ),
      );
    });
    h.referrals.forEach((f, k) => {
      const id = `${c.nhsNumber}-ref-${k}`;
      const url = `urn:uuid:${c.id}-ref-${k}`;
      entries.push(
        entry(
          url,
          {
            resourceType: 'ServiceRequest',
            identifier: [{ system: TRUST_SYSTEMS.referral, value: id }],
            status: 'active',
            intent: 'order',
            subject,
            category: [{ coding: [{ system: FHIR_SYSTEMS.hubHealthService, code: f.service }] }],
            performer: [{ identifier: { system: FHIR_SYSTEMS.odsOrganisation, value: f.organisation } }],
            authoredOn: f.referredOn,
          },
          `${TRUST_SYSTEMS.referral}|${id}`,
        ),
      );
      if (f.firstTreatmentOn) {
        const eid = `${c.nhsNumber}-enc-${k}`;
        entries.push(
          entry(
            `urn:uuid:${c.id}-enc-${k}`,
            {
              resourceType: 'Encounter',
              identifier: [{ system: TRUST_SYSTEMS.encounter, value: eid }],
              status: 'finished',
              class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
              subject,
              basedOn: [{ reference: url }],
              period: { start: f.firstTreatmentOn },
            },
            `${TRUST_SYSTEMS.encounter}|${eid}`,
          ),
        );
      }
    });
    h.episodes.forEach((e, k) => {
      const id = `${c.nhsNumber}-ep-${k}`;
      const manager = e.endDate ? undefined : opts.careManager?.(c, k);
      entries.push(
        entry(
          `urn:uuid:${c.id}-ep-${k}`,
          {
            resourceType: 'EpisodeOfCare',
            identifier: [{ system: TRUST_SYSTEMS.episode, value: id }],
            status: e.endDate ? 'finished' : 'active',
            patient: subject,
            type: [{ coding: [{ system: FHIR_SYSTEMS.hubHealthService, code: e.service }] }],
            managingOrganization: { identifier: { system: FHIR_SYSTEMS.odsOrganisation, value: e.organisation } },
            period: { start: e.startDate, ...(e.endDate ? { end: e.endDate } : {}) },
            ...(manager ? { careManager: { identifier: { system: FHIR_SYSTEMS.sdsUser, value: manager } } } : {}),
          },
          `${TRUST_SYSTEMS.episode}|${id}`,
        ),
      );
    });
  }
  return {
    resourceType: 'Bundle',
    type: opts.type ?? 'transaction',
    identifier: { system: 'https://trust.example.nhs.uk/Id/submission', value: opts.submissionId },
    entry: entries,
  };
}

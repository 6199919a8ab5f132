// The FHIR ingestion's answer, in the shape every ingestion shares (the ingest package's SDL), and the
// provenance of each health record a Bundle writes.
import { ingestIssueSdl, ingestRelationshipsSdl, ingestResultSdl, recordSourceSdl } from '@hub/ingest/sdl';

/** The health types a Bundle writes: each knows the source system and submission that last changed it. */
export const SOURCED_TYPES = { HealthRecord: 'record', Diagnosis: 'diagnosis', Referral: 'referral', TherapyEpisode: 'episode' } as const;

export const fhirIngestSdl = [
  ingestResultSdl({
    type: 'FhirIngestResult',
    description: 'What an ingestion did: counts and codes only.',
    submissionId: 'Bundle.identifier.value.',
    counted: ['children: Int!'],
    closed: 'Records of this source for these children that it no longer sends, now closed.',
    issue: 'IngestIssue',
    after: `  relationships: IngestRelationships!
  "The FHIR transaction-response Bundle (JSON text), one entry per entry submitted, in order."
  response: String!
`,
  }),
  ingestIssueSdl({
    type: 'IngestIssue',
    description: 'A problem found in a submitted file, by record and field; never the value.',
    record: "The record's position in the file, from 0.",
    code: "A DfE rule number where one applies, else the hub's own code.",
  }),
  ingestRelationshipsSdl('IngestRelationships'),
  recordSourceSdl('HealthRecordSource', 'a health record'),
  ...Object.entries(SOURCED_TYPES).map(
    ([type, what]) => `extend type ${type} {
  "The source system and submission that last changed this ${what}; null for ones entered otherwise."
  source: HealthRecordSource @personal(category: HEALTH)
}`,
  ),
].join('\n\n');

// Education's ingestion answers (SEN2 return, CTF), in the shape every ingestion shares (the ingest package's
// ingest SDL), and the provenance of an education record and of a fed SEN support record.
import { ingestIssueSdl, ingestLinkSdl, ingestResultSdl, recordSourceSdl } from '@hub/ingest/sdl';

export const educationIngestSdl = [
  ingestResultSdl({
    type: 'Sen2IngestResult',
    description: 'What an SEN2 return ingestion did: counts, codes and hub child ids only.',
    submissionId: "SEN2-<LEA>-<ReferenceDate> from the return's header.",
    counted: ['children: Int!'],
    closed: 'Records of this source for these children, within what the return covers, that it no longer sends: now closed.',
    before: `  "Persons without a UPN: reported, not ingested (the hub links SEN2 persons by UPN)."
  skipped: Int!
`,
    warnings: "QUERY rules and the hub's warnings: reported, not blocking.",
    issue: 'Sen2IngestIssue',
    after: `  "Each Person element's hub child id, by its position in the return."
  linked: [Sen2IngestLink!]!
`,
  }),
  ingestIssueSdl({
    type: 'Sen2IngestIssue',
    description: 'A problem found in an SEN2 return, by Person position and field; never the value.',
    record: "The Person element's position in the return, from 0; null for the header.",
    code: "The return's rule (SEN2-*) or the hub's own (SEN2-IN-*, HUB-*).",
  }),
  ingestLinkSdl('Sen2IngestLink', 'A Person element of the return and the hub child it was linked to.'),
  ingestResultSdl({
    type: 'CtfIngestResult',
    description: 'What a CTF ingestion did: counts, codes and hub child ids only.',
    submissionId: "CTF-<LEA><Estab>-<Header/DateTime> from the file's header.",
    counted: ['pupils: Int!', 'Pupils with SEN entries written.'],
    closed: 'SEN support records of this source for these pupils that it no longer sends, now closed.',
    before: `  "Pupils with no SEN history: nothing for the hub."
  skipped: Int!
`,
    issue: 'CtfIngestIssue',
    after: `  "Each written Pupil's hub child id, by its position in the file."
  linked: [CtfIngestLink!]!
`,
  }),
  ingestIssueSdl({ type: 'CtfIngestIssue', description: 'A problem found in a CTF, by Pupil position and field; never the value.' }),
  ingestLinkSdl('CtfIngestLink'),
  recordSourceSdl('EducationRecordSource', 'an education record'),
  `extend type EducationRecord {
  "The source system and submission that last changed this record (an SEN2 return); null for records entered otherwise."
  source: EducationRecordSource @personal(category: EDUCATION)
}`,
  `extend type SenSupportRecord {
  "The source system and submission that last changed this record (a school's CTF); null for records entered in the hub."
  source: EducationRecordSource @personal(category: EDUCATION)
}`,
].join('\n\n');

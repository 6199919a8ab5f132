// Social care's ingestion answers (CIN census, SSDA903), in the shape every ingestion shares
// (the ingest package's SDL), and the provenance of a social care record.
import { ingestIssueSdl, ingestLinkSdl, ingestRelationshipsSdl, ingestResultSdl, recordSourceSdl } from '@hub/ingest/sdl';

const WARNINGS = "DfE query rules and the hub's warnings: reported, not blocking.";

export const socialCareIngestSdl = [
  ingestResultSdl({
    type: 'CinIngestResult',
    description: 'What a CIN census ingestion did: counts, codes and hub child ids only.',
    submissionId: "CIN-<LEA>-<ReferenceDate>-<SerialNo> from the return's header.",
    counted: ['children: Int!'],
    closed: 'Records of this source for these children that it no longer sends, now closed.',
    before: `  "Referrals with no further action: in the census, not kept as CIN episodes."
  skipped: Int!
`,
    warnings: WARNINGS,
    issue: 'CinIngestIssue',
    after: `  "Each Child element's hub child id, by its position in the return."
  linked: [CinIngestLink!]!
  "Relationships from the allocations feed: allocated, ended, and governance calls that failed (a replay retries them)."
  relationships: SocialCareIngestRelationships!
`,
  }),
  ingestResultSdl({
    type: 'Ssda903IngestResult',
    description: 'What an SSDA903 ingestion did: counts, codes and hub child ids only.',
    submissionId: 'SSDA903-<LA code>-<first 12 hex digits of the content hash>: the files carry no id of their own.',
    contentHash: 'sha256 of the LA code and both files.',
    replayed: 'True when these exact files were already ingested: nothing was written.',
    counted: ['children: Int!', 'Children written: Header rows with at least one episode.'],
    closed: 'Looked-after periods of this source for these children that it no longer sends, now closed.',
    warnings: WARNINGS,
    issue: 'CinIngestIssue',
    after: `  "Each written child's hub child id, by its Header row."
  linked: [CinIngestLink!]!
`,
  }),
  ingestResultSdl({
    type: 'CaseAllocationsIngestResult',
    description: 'What a case allocations feed did: counts and codes only.',
    submissionId: 'ALLOC-<LA code>-<first 12 hex digits of the content hash>: the feed carries no id of its own.',
    contentHash: 'sha256 of the LA code and the feed.',
    counted: ['allocations: Int!', 'Rows of the feed.'],
    closed: "This source's allocations for the LA's children that the feed no longer lists, now closed.",
    warnings: WARNINGS,
    issue: 'CinIngestIssue',
    after: `  "Relationships in governance: allocated, ended, end dates moved, and calls that failed (a replay retries them)."
  relationships: SocialCareIngestRelationships!
`,
  }),
  ingestRelationshipsSdl('SocialCareIngestRelationships', 'What a social care submission did to relationships in governance.'),
  ingestIssueSdl({
    type: 'CinIngestIssue',
    description: 'A problem found in a CIN census return, by Child position and field; never the value.',
    record:
      "The record's position, from 0: the Child element in the return, or the row of a CSV (recordType says which); null for the header.",
    code: "The DfE CIN validation rule number where one applies, else the hub's own (CIN-*).",
  }),
  ingestLinkSdl('CinIngestLink', 'A Child element of the return and the hub child it was linked to.'),
  recordSourceSdl('SocialCareRecordSource', 'a social care record'),
  `extend type SocialCareRecord {
  "The source system and submission that last changed this record; null for records entered otherwise."
  source: SocialCareRecordSource @personal(category: SOCIAL_CARE)
}`,
].join('\n\n');

// The SDL every ingestion answers with, written once: a result (the submission, its hash, whether
// it was a replay, the counts), its issues by record and field (never a value), the links to hub
// child ids, relationships in governance and a record's provenance. Each format keeps its own type
// names (the public schema only grows) and says what is its own: its count, its extra fields, the
// words that describe its ids.
const doc = (text: string | undefined) => (text ? `  "${text}"\n` : '');
const shareable = (yes: boolean | undefined) => (yes ? ' @shareable' : '');

export interface IngestResultSdl {
  type: string;
  description: string;
  /** How the submission id is made. */
  submissionId: string;
  contentHash?: string;
  replayed?: string;
  /** What the submission counts (`children: Int!`), with its description. */
  counted: [field: string, description?: string];
  closed: string;
  /** The issue type its warnings are listed as. */
  issue: string;
  warnings?: string;
  /** Fields of the format's own, before and after its warnings. */
  before?: string;
  after?: string;
  shareable?: boolean;
}

export function ingestResultSdl(r: IngestResultSdl): string {
  return `"${r.description}"
type ${r.type}${shareable(r.shareable)} @notPersonal {
${doc(r.submissionId)}  submissionId: String!
${doc(r.contentHash ?? 'sha256 of the submitted text.')}  contentHash: String!
${doc(r.replayed ?? 'True when these exact bytes were already ingested: nothing was written.')}  replayed: Boolean!
${doc(r.counted[1])}  ${r.counted[0]}
  created: Int!
  updated: Int!
  unchanged: Int!
${doc(r.closed)}  closed: Int!
${r.before ?? ''}${doc(r.warnings)}  warnings: [${r.issue}!]!
${r.after ?? ''}}`;
}

export interface IngestIssueSdl {
  type: string;
  description: string;
  record?: string;
  code?: string;
  shareable?: boolean;
}

export function ingestIssueSdl(i: IngestIssueSdl): string {
  return `"${i.description}"
type ${i.type}${shareable(i.shareable)} @notPersonal {
  severity: String!
${doc(i.record)}  record: Int
  recordType: String
  field: String!
${doc(i.code)}  code: String!
  message: String!
}`;
}

/** A record of the submission and the hub child it was linked to. */
export function ingestLinkSdl(type: string, description?: string): string {
  return `${description ? `"${description}"\n` : ''}type ${type} @notPersonal {
  record: Int!
  "The hub's opaque child id (governance's child index)."
  childId: ID!
}`;
}

/** What a submission did to relationships in governance. */
export function ingestRelationshipsSdl(type: string, description?: string): string {
  return `${description ? `"${description}"\n` : ''}type ${type} @notPersonal {
  allocated: Int!
  ended: Int!
  "Relationships whose end date was moved to the one the source now gives (social care's case allocations, a trust's episodes of care)."
  redated: Int!
  "Calls to governance that failed; replaying the submission retries them."
  failed: Int!
}`;
}

/** Which source system, and which of its submissions, last wrote a record: the joint view's "from: <system>, <date>". */
export function recordSourceSdl(type: string, what: string): string {
  return `"Which source system, and which of its submissions, last changed ${what}."
type ${type} @notPersonal {
  system: String!
  submittedAt: String!
}`;
}

/** The record's provenance for a `source` field: null for records entered otherwise than by a feed. */
export function recordSource(r: { source_system?: string | null; source_at?: string | Date | null }) {
  return r.source_system && r.source_at ? { system: r.source_system, submittedAt: new Date(r.source_at).toISOString() } : null;
}

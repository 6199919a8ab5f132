// Posts submissions to a running hub's gateway as the integration caller. Used by the CLI, the
// tests and the benchmark, so all three exercise the same path a source system uses.
export const INGEST_FHIR = `mutation($b: String!) { ingestFhirBundle(bundle: $b) {
  submissionId contentHash replayed children created updated unchanged closed
  warnings { severity record recordType field code message }
  relationships { allocated ended redated failed } response } }`;

export interface IngestSummary {
  submissionId: string;
  replayed: boolean;
  children: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  warnings: { record: number | null; recordType: string | null; field: string; code: string; message: string }[];
  relationships: { allocated: number; ended: number; redated: number; failed: number };
  response: string;
}

export interface IngestFailure {
  message: string;
  code?: string;
  issues?: { severity: string; record: number | null; recordType: string | null; field: string; code: string; message: string }[];
}

/** One ingest mutation through the gateway: the field's result, or the errors with their issues. */
async function postIngest<T>(
  gatewayUrl: string,
  token: string,
  query: string,
  variables: Record<string, string>,
  field: string,
): Promise<{ ok: true; result: T } | { ok: false; status: number; errors: IngestFailure[] }> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    data?: Record<string, T | null>;
    errors?: { message: string; extensions?: Record<string, any> }[];
  };
  const result = body.data?.[field];
  if (result) return { ok: true, result };
  return {
    ok: false,
    status: res.status,
    errors: (body.errors ?? [{ message: `HTTP ${res.status}` }]).map((e) => ({
      message: e.message,
      code: e.extensions?.code,
      issues: e.extensions?.issues,
    })),
  };
}

export function postFhirBundle(gatewayUrl: string, token: string, text: string) {
  return postIngest<IngestSummary>(gatewayUrl, token, INGEST_FHIR, { b: text }, 'ingestFhirBundle');
}

export const INGEST_CIN = `mutation($d: String!, $a: String) { ingestCinCensus(document: $d, allocations: $a) {
  submissionId contentHash replayed children created updated unchanged closed skipped
  warnings { severity record recordType field code message } linked { record childId } relationships { allocated ended redated failed } } }`;

/** The counts every ingestion reports, plus what a CIN census return adds: NFA referrals skipped, and each Child's hub id. */
export interface CinIngestSummary extends Omit<IngestSummary, 'response'> {
  contentHash: string;
  skipped: number;
  linked: { record: number; childId: string }[];
}

/** A CIN census return (XML text) to the social care subgraph, through the gateway, with its case allocations feed (CSV) when given. */
export function postCinCensus(gatewayUrl: string, token: string, xml: string, allocations?: string) {
  return postIngest<CinIngestSummary>(
    gatewayUrl,
    token,
    INGEST_CIN,
    allocations === undefined ? { d: xml } : { d: xml, a: allocations },
    'ingestCinCensus',
  );
}

export const INGEST_903 = `mutation($la: String!, $h: String!, $e: String!) { ingestSsda903(laCode: $la, header: $h, episodes: $e) {
  submissionId contentHash replayed children created updated unchanged closed
  warnings { severity record recordType field code message } linked { record childId } } }`;

export type Ssda903IngestSummary = Omit<CinIngestSummary, 'skipped' | 'relationships'>;

/** An SSDA903 return (the Header and Episodes CSV files, with the LA code they belong to) to the social care subgraph, through the gateway. */
export function postSsda903(gatewayUrl: string, token: string, laCode: string, header: string, episodes: string) {
  return postIngest<Ssda903IngestSummary>(gatewayUrl, token, INGEST_903, { la: laCode, h: header, e: episodes }, 'ingestSsda903');
}

/** The mutation that takes each agency's service directory (Open Referral UK JSON). */
export const SERVICES_FIELD = {
  health: 'ingestHealthServices',
  'social-care': 'ingestSocialCareServices',
  education: 'ingestEducationServices',
} as const;

export interface ServicesIngestSummary {
  submissionId: string;
  contentHash: string;
  replayed: boolean;
  services: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  warnings: { severity: string; record: number | null; recordType: string | null; field: string; code: string; message: string }[];
}

/** An agency's service directory (Open Referral UK JSON text) to that agency's subgraph, through the gateway. */
export function postServices(gatewayUrl: string, token: string, agency: keyof typeof SERVICES_FIELD, json: string) {
  const field = SERVICES_FIELD[agency];
  return postIngest<ServicesIngestSummary>(
    gatewayUrl,
    token,
    `mutation($d: String!) { ${field}(document: $d) {
    submissionId contentHash replayed services created updated unchanged closed warnings { severity record recordType field code message } } }`,
    { d: json },
    field,
  );
}

export const INGEST_CTF = `mutation($d: String!) { ingestCommonTransferFile(document: $d) {
  submissionId contentHash replayed pupils created updated unchanged closed skipped
  warnings { severity record recordType field code message } linked { record childId } } }`;

export interface CtfIngestSummary extends Omit<CinIngestSummary, 'children' | 'relationships'> {
  pupils: number;
}

/** A Common Transfer File (XML text) to the education subgraph, through the gateway. */
export function postCtf(gatewayUrl: string, token: string, xml: string) {
  return postIngest<CtfIngestSummary>(gatewayUrl, token, INGEST_CTF, { d: xml }, 'ingestCommonTransferFile');
}

export const INGEST_SEN2 = `mutation($d: String!) { ingestSen2Return(document: $d) {
  submissionId contentHash replayed children created updated unchanged closed skipped
  warnings { severity record recordType field code message } linked { record childId } } }`;

/** An SEN2 return (XML text) to the education subgraph, through the gateway: the same counts as a CIN census (skipped: persons without a UPN). */
export function postSen2Return(gatewayUrl: string, token: string, xml: string) {
  return postIngest<CinIngestSummary>(gatewayUrl, token, INGEST_SEN2, { d: xml }, 'ingestSen2Return');
}

export const INGEST_ALLOCATIONS = `mutation($la: String!, $a: String!) { ingestCaseAllocations(laCode: $la, allocations: $a) {
  submissionId contentHash replayed allocations created updated unchanged closed
  warnings { severity record recordType field code message } relationships { allocated ended redated failed } } }`;

export interface AllocationsIngestSummary extends Omit<IngestSummary, 'response' | 'children' | 'relationships'> {
  contentHash: string;
  allocations: number;
  relationships: { allocated: number; ended: number; redated: number; failed: number };
}

/** A case allocations feed (CSV text) on its own, with the LA code its CHILD ids belong to, to the social care subgraph. */
export function postCaseAllocations(gatewayUrl: string, token: string, laCode: string, csv: string) {
  return postIngest<AllocationsIngestSummary>(gatewayUrl, token, INGEST_ALLOCATIONS, { la: laCode, a: csv }, 'ingestCaseAllocations');
}

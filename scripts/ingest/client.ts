// Posts submissions to a running hub's gateway as the integration caller. Used by the CLI, the
// tests and the benchmark, so all three exercise the same path a source system uses.
export const INGEST_FHIR = `mutation($b: String!) { ingestFhirBundle(bundle: $b) {
  submissionId contentHash replayed children created updated unchanged closed
  warnings { severity record recordType field code message }
  relationships { allocated ended failed } response } }`;

export interface IngestSummary {
  submissionId: string;
  replayed: boolean;
  children: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  warnings: { record: number | null; recordType: string | null; field: string; code: string; message: string }[];
  relationships: { allocated: number; ended: number; failed: number };
  response: string;
}

export interface IngestFailure {
  message: string;
  code?: string;
  issues?: { severity: string; record: number | null; recordType: string | null; field: string; code: string; message: string }[];
}

export async function postFhirBundle(gatewayUrl: string, token: string, text: string): Promise<{ ok: true; result: IngestSummary } | { ok: false; status: number; errors: IngestFailure[] }> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: INGEST_FHIR, variables: { b: text } }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: { ingestFhirBundle?: IngestSummary }; errors?: { message: string; extensions?: Record<string, any> }[] };
  if (body.data?.ingestFhirBundle) return { ok: true, result: body.data.ingestFhirBundle };
  return {
    ok: false,
    status: res.status,
    errors: (body.errors ?? [{ message: `HTTP ${res.status}` }]).map((e) => ({ message: e.message, code: e.extensions?.code, issues: e.extensions?.issues })),
  };
}

export const INGEST_CIN = `mutation($d: String!) { ingestCinCensus(document: $d) {
  submissionId contentHash replayed children created updated unchanged closed skipped
  warnings { severity record recordType field code message } linked { record childId } } }`;

export interface CinIngestSummary {
  submissionId: string;
  contentHash: string;
  replayed: boolean;
  children: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  skipped: number;
  warnings: IngestSummary['warnings'];
  linked: { record: number; childId: string }[];
}

/** A CIN census return (XML text) to the social care subgraph, through the gateway. */
export async function postCinCensus(gatewayUrl: string, token: string, xml: string): Promise<{ ok: true; result: CinIngestSummary } | { ok: false; status: number; errors: IngestFailure[] }> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: INGEST_CIN, variables: { d: xml } }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: { ingestCinCensus?: CinIngestSummary }; errors?: { message: string; extensions?: Record<string, any> }[] };
  if (body.data?.ingestCinCensus) return { ok: true, result: body.data.ingestCinCensus };
  return {
    ok: false,
    status: res.status,
    errors: (body.errors ?? [{ message: `HTTP ${res.status}` }]).map((e) => ({ message: e.message, code: e.extensions?.code, issues: e.extensions?.issues })),
  };
}

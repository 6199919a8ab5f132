// The SEN2 return as a file needs the envelope, each child's Person element and the rule counts:
// one query through the gateway, retried once when the connection fails (a read, so safe to repeat).
export const SEN2_DOWNLOAD = `query($d: String!) { sen2Return(censusDate: $d) { laCode censusDate periodStart periodEnd
  counts { persons requests assessments namedPlans ceasedPlans activePlans }
  ruleCounts { rule severity message count } xmlHeader xmlFooter records { xml } } }`;

export interface Sen2Download {
  laCode: string;
  censusDate: string;
  periodStart: string;
  periodEnd: string;
  counts: Record<string, number>;
  ruleCounts: { rule: string; severity: string; message: string; count: number }[];
  xmlHeader: string;
  xmlFooter: string;
  records: { xml: string | null }[];
}

export type Sen2Fetch = { ok: true; result: Sen2Download } | { ok: false; errors: { message: string; code?: string; argument?: string }[] };

async function once(gateway: string, token: string, censusDate: string): Promise<Sen2Fetch> {
  const res = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SEN2_DOWNLOAD, variables: { d: censusDate } }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    data?: { sen2Return: Sen2Download | null };
    errors?: { message: string; extensions?: Record<string, any> }[];
  };
  const result = body.data?.sen2Return;
  // Per-record refusals come with the data; the records then carry xml null and the caller says so.
  if (result) return { ok: true, result };
  return {
    ok: false,
    errors: (body.errors ?? [{ message: `HTTP ${res.status}` }]).map((e) => ({
      message: e.message,
      code: e.extensions?.code,
      argument: e.extensions?.argument,
    })),
  };
}

export async function fetchSen2Return(gateway: string, token: string, censusDate: string): Promise<Sen2Fetch> {
  try {
    return await once(gateway, token, censusDate);
  } catch {
    return once(gateway, token, censusDate).catch((e: Error) => ({
      ok: false as const,
      errors: [{ message: `the gateway could not be reached (${e.message})` }],
    }));
  }
}

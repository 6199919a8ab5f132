// GET /health: 200 with each subgraph's state when all are up, 503 with the same body otherwise.
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

async function probe(url: string, timeoutMs: number): Promise<'up' | 'down'> {
  try {
    const res = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

export async function healthReport(subgraphs: SubgraphEndpoint[], timeoutMs = 1000) {
  const states = await Promise.all(subgraphs.map(async (s) => [s.name, await probe(s.url, timeoutMs)] as const));
  const allUp = states.every(([, st]) => st === 'up');
  return { status: allUp ? 200 : 503, body: { status: allUp ? 'up' : 'degraded', subgraphs: Object.fromEntries(states) } };
}

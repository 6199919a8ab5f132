// Where a subgraph's request time goes, measured inside the request: total server time, and the
// part spent on consent decisions (including verifying the access context) and on audit writes.
// Read from GET /stats; the benchmark turns it into "policy share of server time".
export interface Timing {
  requests: number;
  serverMs: number;
  policyMs: number;
  auditMs: number;
}

export function newTiming(): Timing {
  return { requests: 0, serverMs: 0, policyMs: 0, auditMs: 0 };
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

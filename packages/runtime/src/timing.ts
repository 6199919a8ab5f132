// Where a subgraph's request time goes, measured inside the request: total server time, and the
// part spent on consent decisions (including verifying the access context) and on audit writes of
// their own. Most audit records ride on the request's read (one statement with it), so they cannot
// be timed apart; `auditMs` counts only the writes made on their own at the end of a request.
// Read from GET /stats.
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

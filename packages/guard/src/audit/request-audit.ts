// The audit entries of one request to a service that audits its own records rather than guarded
// fields (governance: consents, relationships, break glass, look-ups of the child index). Entries
// added here are written before the response leaves (subgraph.ts auditPlugin); if that write fails,
// nothing is released. Writes of governance records put their entries in their own transaction
// instead (insertAuditStatement), so a write and its audit record stand or fall together.
import type { AuditEntry } from './chain';

export class RequestAudit {
  readonly now = new Date().toISOString();
  private unwritten: AuditEntry[] = [];

  add(...entries: AuditEntry[]): void {
    this.unwritten.push(...entries);
  }

  /** Same contract as AccessState.takeUnwritten: on a failed write the entries come back. */
  takeUnwritten(): { entries: AuditEntry[]; settle(ok: boolean): void } | undefined {
    if (this.unwritten.length === 0) return undefined;
    const entries = this.unwritten;
    this.unwritten = [];
    return {
      entries,
      settle: (ok) => {
        if (!ok) this.unwritten.unshift(...entries);
      },
    };
  }
}

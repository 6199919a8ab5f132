// Tamper-evident, hash-chained audit trail, written by each subgraph in its own database.
export { auditTablesSql, auditTablesDownSql, GENESIS_HASH } from './tables';
export {
  auditEntry,
  canonicalAt,
  canonicalPayload,
  chainHash,
  normalizeAuditRecord,
  stableStringify,
  type AuditActor,
  type AuditEntry,
  type AuditRecord,
} from './chain';
export { readAuditTrail, readBreakGlassEvents, writeAudit, WRITE_AUDIT_SQL, type AuditEventRow, type BreakGlassQuery } from './writer';
export { verifyChain, type VerifyOptions, type VerifyResult } from './verify';

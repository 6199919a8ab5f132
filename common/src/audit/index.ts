// Tamper-evident, hash-chained audit trail, written by each subgraph in its own database.
export { auditTablesSql, auditTablesDownSql, auditSealingSql, auditSealingDownSql, GENESIS_HASH } from './tables';
export {
  auditEntry,
  AUDIT_ACTIONS,
  type AuditAction,
  canonicalAt,
  canonicalPayload,
  chainHash,
  normalizeAuditRecord,
  stableStringify,
  type AuditActor,
  type AuditEntry,
  type AuditRecord,
} from './chain';
export { RequestAudit } from './request-audit';
export {
  auditParams,
  withAuditOnWrite,
  readAuditTrail,
  readBreakGlassEvents,
  withAuditInsert,
  writeAudit,
  type AuditEventRow,
  type BreakGlassQuery,
} from './writer';
export { sealAudit, startSealer, SEAL_INTERVAL_MS, type SealResult } from './seal';
export { verifyChain, type VerifyOptions, type VerifyResult } from './verify';

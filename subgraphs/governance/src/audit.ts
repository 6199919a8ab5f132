// Governance's own audit vocabulary. Its records are the family's sharing decisions and who may see
// the child, so every read and write of them is audited like an agency's disclosure: what kind of
// record (the entry's category), what was done (action), on what basis or why it was refused, and
// the record's id. Never the record's contents.
import type { AuditAction, AuditEntry } from '@hub/guard/audit/chain';
import type { Basis, WithholdReason } from '@hub/guard/policy/types';
import type { Visibility } from '@hub/guard/policy/visibility';

export const RECORD = {
  childIndex: 'CHILD_INDEX',
  consent: 'CONSENT',
  relationship: 'RELATIONSHIP',
  breakGlass: 'BREAK_GLASS',
  auditTrail: 'AUDIT_TRAIL',
  familyLink: 'FAMILY_LINK',
  familyWithholding: 'FAMILY_WITHHOLDING',
} as const;
export type GovernanceRecord = (typeof RECORD)[keyof typeof RECORD];

export function permitted(childId: string, record: GovernanceRecord, action: AuditAction, basis: Basis, recordId?: string): AuditEntry {
  return { childId, category: record, decision: 'PERMIT', basis, action, ...(recordId ? { recordId } : {}) };
}

export function refused(
  childId: string,
  record: GovernanceRecord,
  action: AuditAction,
  reason: WithholdReason,
  recordId?: string,
): AuditEntry {
  return { childId, category: record, decision: 'DENY', reason, action, ...(recordId ? { recordId } : {}) };
}

export function fromVisibility(
  childId: string,
  record: GovernanceRecord,
  action: AuditAction,
  v: Visibility,
  recordId?: string,
): AuditEntry {
  return v.visible ? permitted(childId, record, action, v.basis, recordId) : refused(childId, record, action, v.reason, recordId);
}

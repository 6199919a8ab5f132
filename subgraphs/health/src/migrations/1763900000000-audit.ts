import { auditTablesSql } from '@hub/guard/audit/tables';
import { sqlMigration } from '@hub/runtime/migrate';

export const Audit = sqlMigration('Audit1763900000000', auditTablesSql(), 'DROP TABLE audit_event, audit_head;');

import { auditTablesSql, sqlMigration } from '@hub/common';

export const Audit = sqlMigration('Audit1763900000000', auditTablesSql(), 'DROP TABLE audit_event, audit_head;');

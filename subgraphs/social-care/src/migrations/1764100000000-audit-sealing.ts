import { auditSealingDownSql, auditSealingSql } from '@hub/guard/audit/tables';
import { sqlMigration } from '@hub/runtime/migrate';

export const AuditSealing = sqlMigration('AuditSealing1764100000000', auditSealingSql(), auditSealingDownSql());

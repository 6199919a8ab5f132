import { auditSealingDownSql, auditSealingSql, sqlMigration } from '@hub/common';

export const AuditSealing = sqlMigration('AuditSealing1764100000000', auditSealingSql(), auditSealingDownSql());

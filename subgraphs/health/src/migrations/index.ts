import { HealthRecords } from './1763830000000-health-records';
import { Audit } from './1763900000000-audit';
import { Advice } from './1764000000000-advice';
import { AuditSealing } from './1764100000000-audit-sealing';
import { PlanIssueSnapshots } from '@hub/agency-kit/plan-sections';
import { ServiceDirectory } from './1764600000000-service-directory';
import { Ingest } from './1764300000000-ingest';
import { SourceAllocationEndDates } from './1765800000000-allocation-end-dates';

export const migrations = [
  HealthRecords,
  Audit,
  Advice,
  AuditSealing,
  PlanIssueSnapshots,
  Ingest,
  ServiceDirectory,
  SourceAllocationEndDates,
];

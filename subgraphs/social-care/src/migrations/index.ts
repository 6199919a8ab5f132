import { SocialCareRecords } from './1763830000000-social-care-records';
import { Audit } from './1763900000000-audit';
import { Advice } from './1764000000000-advice';
import { AuditSealing } from './1764100000000-audit-sealing';
import { PlanIssueSnapshots } from '@hub/agency-kit/plan-sections';
import { ServiceDirectory } from './1764600000000-service-directory';
import { Ingest } from './1764300000000-ingest';
import { CaseAllocations } from './1764400000000-case-allocations';
import { Ssda903 } from './1764500000000-ssda903';
import { AllocationEndDates } from './1765600000000-allocation-end-dates';
import { ClaEpisodes } from './1765700000000-cla-episodes';

export const migrations = [
  SocialCareRecords,
  Audit,
  Advice,
  AuditSealing,
  PlanIssueSnapshots,
  Ingest,
  CaseAllocations,
  Ssda903,
  ServiceDirectory,
  AllocationEndDates,
  ClaEpisodes,
];

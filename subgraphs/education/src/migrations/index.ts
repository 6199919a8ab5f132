import { EducationRecords } from './1763830000000-education-records';
import { Audit } from './1763900000000-audit';
import { Assessments } from './1764000000000-assessments';
import { AuditSealing } from './1764100000000-audit-sealing';
import { PlansReviews } from './1764200000000-plans-reviews';
import { Sen2Ingest } from './1764300000000-sen2-ingest';
import { Attendance } from './1764400000000-attendance';
import { CtfSenSupport } from './1764700000000-ctf-sen-support';
import { ServiceDirectory } from './1764800000000-service-directory';
import { AttendanceWrites } from './1764910000000-attendance-writes';
import { AttendanceCorrections } from './1766000000000-attendance-corrections';

export const migrations = [
  EducationRecords,
  Audit,
  Assessments,
  AuditSealing,
  PlansReviews,
  Sen2Ingest,
  Attendance,
  CtfSenSupport,
  ServiceDirectory,
  AttendanceWrites,
  AttendanceCorrections,
];

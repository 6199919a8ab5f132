import { HealthRecords } from './1763830000000-health-records';
import { Audit } from './1763900000000-audit';

export const migrations = [HealthRecords, Audit];

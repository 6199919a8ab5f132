import { HealthRecords } from './1763830000000-health-records';

export const migrations = [HealthRecords];

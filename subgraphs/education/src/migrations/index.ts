import { EducationRecords } from './1763830000000-education-records';
import { Audit } from './1763900000000-audit';

export const migrations = [EducationRecords, Audit];

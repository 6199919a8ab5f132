import { EducationRecords } from './1763830000000-education-records';

export const migrations = [EducationRecords];

import { QueryLog } from './1764000000000-query-log';

export const migrations = [QueryLog];

import { SocialCareRecords } from './1763830000000-social-care-records';

export const migrations = [SocialCareRecords];

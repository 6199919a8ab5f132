import { OPEN_REFERRAL_COLUMNS_DOWN_SQL, OPEN_REFERRAL_COLUMNS_SQL } from '@hub/ingest/open-referral/store';
import { sqlMigration } from '@hub/runtime/migrate';

// Commissioned services fed from the agency's service directory as Open Referral UK JSON
// (packages/ingest/src/open-referral): which source and submission last wrote each, and when the
// directory stopped listing it (closed, not deleted: service uses still point at it).
export const ServiceDirectory = sqlMigration('ServiceDirectory1764600000000', OPEN_REFERRAL_COLUMNS_SQL, OPEN_REFERRAL_COLUMNS_DOWN_SQL);

import { OPEN_REFERRAL_COLUMNS_DOWN_SQL, OPEN_REFERRAL_COLUMNS_SQL } from '@hub/ingest/open-referral/store';
import { sqlMigration } from '@hub/runtime/migrate';

// Commissioned services fed from the LA's service directory as Open Referral UK JSON
// (packages/ingest/src/open-referral), as health's and social care's. Runs after the CTF migration,
// which makes sure education has its ingest_submission table.
export const ServiceDirectory = sqlMigration('ServiceDirectory1764800000000', OPEN_REFERRAL_COLUMNS_SQL, OPEN_REFERRAL_COLUMNS_DOWN_SQL);

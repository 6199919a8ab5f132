import { adviceTablesSql, DROP_ADVICE_TABLES_SQL } from '@hub/advice/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Requests for advice addressed to this agency, the advice it gives (versioned), and its outbox.
export const Advice = sqlMigration('HealthAdvice1764000000000', adviceTablesSql(), DROP_ADVICE_TABLES_SQL);

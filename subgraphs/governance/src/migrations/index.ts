import { ChildIndex } from './1763830000000-child-index';
import { Consent } from './1763900000000-consent';
import { AdviceRequestRelationships } from './1764000000000-advice-request-relationships';
import { Idempotency } from './1764200000000-idempotency';

export const migrations = [ChildIndex, Consent, AdviceRequestRelationships, Idempotency];

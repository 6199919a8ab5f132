import { ChildIndex } from './1763830000000-child-index';
import { Consent } from './1763900000000-consent';
import { Idempotency } from './1764000000000-idempotency';

export const migrations = [ChildIndex, Consent, Idempotency];

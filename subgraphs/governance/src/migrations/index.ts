import { ChildIndex } from './1763830000000-child-index';
import { Consent } from './1763900000000-consent';

export const migrations = [ChildIndex, Consent];

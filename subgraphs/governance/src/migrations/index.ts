import { ChildIndex } from './1763830000000-child-index';
import { Consent } from './1763900000000-consent';
import { AdviceRequestRelationships } from './1764000000000-advice-request-relationships';
import { Idempotency } from './1764200000000-idempotency';
import { GovernanceAudit, NeedToKnow } from './1764900000000-need-to-know';
import { FamilyLinks } from './1765000000000-family-links';
import { FamilyWithholding } from './1765200000000-family-withholding';

export const migrations = [
  ChildIndex,
  Consent,
  AdviceRequestRelationships,
  Idempotency,
  GovernanceAudit,
  NeedToKnow,
  FamilyLinks,
  FamilyWithholding,
];

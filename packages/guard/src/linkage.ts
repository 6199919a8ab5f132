// The child index stores keyed hashes of identifiers, not the identifiers: it can answer "which hub
// child has this NHS number?" for someone who already holds the number, and nothing more if leaked.
import { createHmac } from 'node:crypto';
import { laChildKey, normaliseNhsNumber, normaliseUpn } from '@hub/schema';

export type IdentifierKind = 'NHS' | 'UPN' | 'LA';

export function identifierHash(key: string, kind: IdentifierKind, value: string): string {
  const canonical = kind === 'NHS' ? normaliseNhsNumber(value) : kind === 'UPN' ? normaliseUpn(value) : value;
  return createHmac('sha256', key).update(`${kind}|${canonical}`).digest('base64url');
}

export function laIdentifier(laCode: string, laChildId: string): string {
  return laChildKey(laCode, laChildId);
}

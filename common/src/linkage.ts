// The child index stores keyed hashes of identifiers, not the identifiers: it can answer "which hub
// child has this NHS number?" for someone who already holds the number, and nothing more if leaked.
import { createHmac } from 'node:crypto';
import { laChildKey, normaliseNhsNumber, normaliseUpn } from '@hub/schema';
import { ConfigError } from './settings/read';

export const DEV_LINKAGE_KEY = 'dev-only-hub-linkage-key-do-not-use-in-production';
export type IdentifierKind = 'NHS' | 'UPN' | 'LA';

export function linkageKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.HUB_LINKAGE_KEY || DEV_LINKAGE_KEY;
  if (env.NODE_ENV === 'production' && key === DEV_LINKAGE_KEY) throw new ConfigError('HUB_LINKAGE_KEY must be set in production');
  return key;
}

export function identifierHash(key: string, kind: IdentifierKind, value: string): string {
  const canonical = kind === 'NHS' ? normaliseNhsNumber(value) : kind === 'UPN' ? normaliseUpn(value) : value;
  return createHmac('sha256', key).update(`${kind}|${canonical}`).digest('base64url');
}

export function laIdentifier(laCode: string, laChildId: string): string {
  return laChildKey(laCode, laChildId);
}

// The two shared secrets behind the hub's pseudonyms, read once each and refused in production
// while they still hold the development value. The linkage key: the child index stores keyed
// hashes of identifiers (guard linkage.ts). The commissioning key: the three agencies share it so
// each computes the same pseudonym for a child; the commissioning service never holds it
// (docker/compose.yaml gives it to the agencies only).
import { ConfigError } from './read';

export const DEV_LINKAGE_KEY = 'dev-only-hub-linkage-key-do-not-use-in-production';
export const DEV_COMMISSIONING_KEY = 'dev-only-hub-commissioning-key-do-not-use-in-production';

export function linkageKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.HUB_LINKAGE_KEY || DEV_LINKAGE_KEY;
  if (env.NODE_ENV === 'production' && key === DEV_LINKAGE_KEY) throw new ConfigError('HUB_LINKAGE_KEY must be set in production');
  return key;
}

export function commissioningKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.HUB_COMMISSIONING_KEY || DEV_COMMISSIONING_KEY;
  if (env.NODE_ENV === 'production' && key === DEV_COMMISSIONING_KEY) throw new Error('HUB_COMMISSIONING_KEY must be set in production');
  if (key.length < 32) throw new Error('HUB_COMMISSIONING_KEY must be at least 32 characters');
  return key;
}

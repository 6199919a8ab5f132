// The commissioning key: a secret the three agencies share, so that each can compute the same
// keyed pseudonym for the same child without telling anyone the hub child id. The commissioning
// service never holds it (docker/compose.yaml gives it to the agencies only).
import { createHash } from 'node:crypto';

export const DEV_COMMISSIONING_KEY = 'dev-only-hub-commissioning-key-do-not-use-in-production';

export function commissioningKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.HUB_COMMISSIONING_KEY || DEV_COMMISSIONING_KEY;
  if (env.NODE_ENV === 'production' && key === DEV_COMMISSIONING_KEY) throw new Error('HUB_COMMISSIONING_KEY must be set in production');
  if (key.length < 32) throw new Error('HUB_COMMISSIONING_KEY must be at least 32 characters');
  return key;
}

/**
 * The key's HMAC-SHA256 inner and outer pads (RFC 2104), so PostgreSQL can compute the HMAC with
 * its built-in sha256() and no extension: sha256(opad || sha256(ipad || message)).
 */
export function hmacPads(key: string): { ipad: Buffer; opad: Buffer } {
  let k = Buffer.from(key, 'utf8');
  if (k.length > 64) k = createHash('sha256').update(k).digest();
  const block = Buffer.alloc(64);
  k.copy(block);
  const ipad = Buffer.alloc(64);
  const opad = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) {
    ipad[i] = block[i] ^ 0x36;
    opad[i] = block[i] ^ 0x5c;
  }
  return { ipad, opad };
}

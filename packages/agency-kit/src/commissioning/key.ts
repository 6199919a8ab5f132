// The commissioning key (runtime settings/secrets.ts) as PostgreSQL can use it: each agency
// computes the same keyed pseudonym for the same child without telling anyone the hub child id.
import { createHash } from 'node:crypto';

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

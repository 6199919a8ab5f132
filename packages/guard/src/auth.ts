// Two kinds of token. User tokens: what clients send the gateway (HS256 in development, JWKS in
// production). Identity tokens: the gateway's short-lived signature over the verified caller, which
// is the only thing a subgraph accepts, so a request straight to a subgraph gets 401.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, type Caller } from './identity';
import type { AuthSettings } from '@hub/runtime/settings/auth';
import { isCode, PURPOSES, type Purpose } from '@hub/schema';

const IDENTITY_ISSUER = 'hub-gateway';
const IDENTITY_AUDIENCE = 'hub-subgraphs';
export const IDENTITY_HEADER = 'x-hub-identity';
export const PURPOSE_HEADER = 'x-hub-purpose';

export interface UserTokenVerifier {
  verify(authorization: string | undefined): Promise<Caller>;
}

/** An HMAC secret imported once: given raw bytes, jose imports the key again on every sign and
 *  verify, which profiles showed as a tenth of a subgraph's CPU. */
const hmacKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));

export function userTokenVerifier(settings: AuthSettings): UserTokenVerifier {
  const secret = hmacKey(settings.jwtSecret);
  let jwks: JWTVerifyGetKey | undefined;
  if (settings.jwksUrl) jwks = createRemoteJWKSet(new URL(settings.jwksUrl));
  return {
    async verify(authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!m) throw new Error('no bearer token');
      const options = { requiredClaims: ['iat', 'exp'] };
      const { payload } = jwks
        ? await jwtVerify(m[1], jwks, { ...options, issuer: settings.issuer, audience: settings.audience })
        : await jwtVerify(m[1], secret, { ...options, algorithms: ['HS256'] });
      checkLifetime(payload.iat!, payload.exp!, settings.maxTokenLifetimeS);
      return callerFromClaims(payload);
    },
  };
}

/** Clock skew allowed for a token issued "in the future" by a server whose clock runs ahead. */
const ISSUED_AHEAD_S = 60;

/** A token issued in the future, or valid for longer than policy allows, is refused (401). */
export function checkLifetime(iat: number, exp: number, maxLifetimeS: number, nowS = Date.now() / 1000): void {
  if (iat > nowS + ISSUED_AHEAD_S) throw new Error('token issued in the future');
  if (exp - iat > maxLifetimeS) throw new Error('token lifetime exceeds the maximum');
}

/** Development user tokens (the `npm run token` command and tests). */
export async function signUserToken(secret: string, claims: Record<string, unknown>, expiresIn = '8h'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export interface VouchedRequest {
  caller: Caller;
  requestId: string;
  /** Why the caller is asking (x-hub-purpose), checked against consent provisions. */
  purpose: Purpose;
  /** Set when another hub service (not the gateway) made the call: its name (peers.ts). */
  service?: string;
}

export interface IdentityCodec {
  sign(caller: Caller, requestId: string, purpose?: Purpose, service?: string): Promise<string>;
  verify(token: string | undefined): Promise<VouchedRequest>;
}

export function identityCodec(internalSecret: string): IdentityCodec {
  const key = hmacKey(internalSecret);
  // A gateway request fans out to several subgraph fetches with the same token; verifying it once
  // per token keeps HMAC work off the hot path. Entries die with the token's own expiry.
  const verified = new Map<string, VouchedRequest & { exp: number }>();
  return {
    async sign(caller, requestId, purpose = 'DIRECT_CARE', service) {
      return new SignJWT({ ...caller, rid: requestId, pur: purpose, ...(service ? { svc: service } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(IDENTITY_ISSUER)
        .setAudience(IDENTITY_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(key);
    },
    async verify(token) {
      if (!token) throw new Error('no identity');
      const now = Date.now() / 1000;
      const hit = verified.get(token);
      if (hit && hit.exp > now) return hit;
      const { payload } = await jwtVerify(token, key, { issuer: IDENTITY_ISSUER, audience: IDENTITY_AUDIENCE, algorithms: ['HS256'] });
      if (!isCode(PURPOSES, payload.pur)) throw new Error('identity has no purpose');
      const service = typeof payload.svc === 'string' ? payload.svc : undefined;
      const entry = {
        caller: callerFromClaims(payload),
        requestId: String(payload.rid ?? ''),
        purpose: payload.pur,
        service,
        exp: payload.exp ?? now,
      };
      if (verified.size > 5000) for (const [k, v] of verified) if (v.exp <= now) verified.delete(k);
      if (verified.size > 10000) verified.clear();
      verified.set(token, entry);
      return entry;
    },
  };
}

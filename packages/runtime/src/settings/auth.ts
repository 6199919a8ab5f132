// The secrets and token rules of identity. Development defaults are documented in the README;
// production refuses to run with them.
import { ConfigError, intSetting } from './read';

export const DEV_JWT_SECRET = 'dev-only-hub-jwt-secret-do-not-use-in-production';
export const DEV_INTERNAL_SECRET = 'dev-only-hub-internal-secret-do-not-use-in-production';

export interface AuthSettings {
  /** HS256 secret for user tokens (development). */
  jwtSecret: string;
  /** Production: user tokens are verified against this JWKS with issuer and audience checks. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Secret the gateway signs the caller's identity with for the subgraphs. */
  internalSecret: string;
  production: boolean;
  /** The longest a user token may live (exp - iat), in seconds: HUB_MAX_TOKEN_LIFETIME_MINUTES, default 12 hours. */
  maxTokenLifetimeS: number;
}

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const production = env.NODE_ENV === 'production';
  const s: AuthSettings = {
    jwtSecret: env.HUB_JWT_SECRET || DEV_JWT_SECRET,
    jwksUrl: env.HUB_JWKS_URL || undefined,
    issuer: env.HUB_JWT_ISSUER || undefined,
    audience: env.HUB_JWT_AUDIENCE || undefined,
    internalSecret: env.HUB_INTERNAL_SECRET || DEV_INTERNAL_SECRET,
    production,
    maxTokenLifetimeS: 60 * intSetting(env, 'HUB_MAX_TOKEN_LIFETIME_MINUTES', 12 * 60, { min: 1, max: 7 * 24 * 60 }),
  };
  if (production) {
    if (s.internalSecret === DEV_INTERNAL_SECRET) throw new ConfigError('HUB_INTERNAL_SECRET must be set in production');
    if (!s.jwksUrl && s.jwtSecret === DEV_JWT_SECRET)
      throw new ConfigError('HUB_JWT_SECRET is the development default: set HUB_JWKS_URL (or a real secret) in production');
    if (s.jwksUrl && (!s.issuer || !s.audience)) throw new ConfigError('HUB_JWKS_URL needs HUB_JWT_ISSUER and HUB_JWT_AUDIENCE');
  }
  if (s.internalSecret.length < 32) throw new ConfigError('HUB_INTERNAL_SECRET must be at least 32 characters');
  return s;
}

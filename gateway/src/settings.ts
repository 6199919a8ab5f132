// Everything the gateway is told by its environment, read and validated once when it starts (a bad
// value stops it naming the setting, never its value) and passed down: nothing below reads
// process.env.
import { authSettings, type AuthSettings } from '@hub/runtime/settings/auth';
import { requestSettings, subgraphTimeoutSetting } from '@hub/runtime/settings/process';
import { join } from 'node:path';
import { queryLimits, type QueryLimits } from './limits/settings';
import { gatewayPerformance, type GatewayPerformance } from './performance';

export interface GatewaySettings {
  auth: AuthSettings;
  limits: QueryLimits;
  performance: GatewayPerformance;
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  web: {
    /** The built browser app (web/dist unless HUB_WEB_DIST says). */
    dist: string;
    /** The OpenID provider the app signs in with, when not the token issuer; its client id and scope. */
    oidcAuthority?: string;
    oidcClientId?: string;
    oidcScope: string;
  };
}

export function gatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  return {
    auth: authSettings(env),
    limits: queryLimits(env),
    performance: gatewayPerformance(env),
    subgraphTimeoutMs: subgraphTimeoutSetting(env),
    ...requestSettings(env),
    web: {
      dist: env.HUB_WEB_DIST || join(__dirname, '..', '..', 'web', 'dist'),
      oidcAuthority: env.HUB_OIDC_AUTHORITY || undefined,
      oidcClientId: env.HUB_OIDC_CLIENT_ID || undefined,
      oidcScope: env.HUB_OIDC_SCOPE || 'openid profile hub',
    },
  };
}

// Everything the gateway is told by its environment, read and validated once when it starts (a bad
// value stops it naming the setting, never its value) and passed down: nothing below reads
// process.env. What every hub process reads (port, host, request bounds, secrets) is runtime's
// processSettings; the rest is the gateway's own.
import { processSettings, type ProcessSettings } from '@hub/runtime/settings/process';
import { ConfigError, intSetting, urlSetting } from '@hub/runtime/settings/read';
import { GATEWAY_PORT, SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { join } from 'node:path';
import { queryLimits, type QueryLimits } from './limits/settings';
import { gatewayPerformance, type GatewayPerformance } from './performance';

export interface GatewaySettings extends ProcessSettings {
  /** Subgraph name → GraphQL URL. */
  subgraphUrls: Record<string, string>;
  /** The time limit per subgraph call. */
  subgraphTimeoutMs: number;
  limits: QueryLimits;
  performance: GatewayPerformance;
  web: {
    /** The built browser app (web/dist unless HUB_WEB_DIST says). */
    dist: string;
    /** The OpenID provider the app signs in with, when not the token issuer; its client id and scope. */
    oidcAuthority?: string;
    oidcClientId?: string;
    oidcScope: string;
  };
}

/** `subgraphUrls`: when the caller already knows where the subgraphs are (tests), not read from the environment. */
export function gatewaySettings(
  env: NodeJS.ProcessEnv = process.env,
  given: { subgraphUrls?: Record<string, string> } = {},
): GatewaySettings {
  const base = processSettings(env, GATEWAY_PORT);
  return {
    ...base,
    subgraphUrls: given.subgraphUrls ?? subgraphUrlSettings(env, base.production),
    subgraphTimeoutMs: intSetting(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
    limits: queryLimits(env),
    performance: gatewayPerformance(env),
    web: {
      dist: env.HUB_WEB_DIST || join(__dirname, '..', '..', 'web', 'dist'),
      oidcAuthority: env.HUB_OIDC_AUTHORITY || undefined,
      oidcClientId: env.HUB_OIDC_CLIENT_ID || undefined,
      oidcScope: env.HUB_OIDC_SCOPE || 'openid profile hub',
    },
  };
}

/** Each subgraph's URL from its setting; the local default in development, none in production. */
function subgraphUrlSettings(env: NodeJS.ProcessEnv, production: boolean): Record<SubgraphName, string> {
  if (production) {
    const missing = SUBGRAPHS.filter((s) => !env[s.urlEnv]).map((s) => s.urlEnv);
    if (missing.length) throw new ConfigError(`${missing.join(', ')} must be set in production (no local defaults)`);
  }
  return Object.fromEntries(
    SUBGRAPHS.map((s) => [
      s.name,
      env[s.urlEnv]
        ? urlSetting(env, s.urlEnv, production ? ['https:', 'http:'] : ['http:', 'https:'])
        : `http://127.0.0.1:${s.port}/graphql`,
    ]),
  ) as Record<SubgraphName, string>;
}

// What the browser app needs to know to sign in: the OpenID provider (when the gateway verifies
// tokens from one) and whether the development sign-in page exists. Public, no secrets.
import type { AuthSettings } from '@hub/runtime/settings/auth';
import type { Route } from '@hub/runtime/http';
import { devSignInAvailable } from './dev-sign-in';
import type { GatewaySettings } from '../settings';

export interface WebAuthConfig {
  oidc: { authority: string; clientId: string; scope: string } | null;
  devSignIn: boolean;
}

export function webAuthConfig(settings: AuthSettings, web: GatewaySettings['web']): WebAuthConfig {
  const authority = web.oidcAuthority || settings.issuer;
  // The gateway checks the token's audience; the app's client id is that audience unless told.
  const clientId = web.oidcClientId || settings.audience;
  return {
    oidc: settings.jwksUrl && authority && clientId ? { authority, clientId, scope: web.oidcScope } : null,
    devSignIn: devSignInAvailable(settings),
  };
}

export function authConfigRoute(config: WebAuthConfig): Record<string, Route> {
  return { '/auth/config': async () => ({ status: 200, body: config }) };
}

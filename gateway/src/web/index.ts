// The gateway's browser-facing extras: the app's static files, its sign-in configuration and the
// development sign-in routes. See docs/web.md.
import type { AuthSettings } from '@hub/runtime/settings/auth';
import { authConfigRoute, webAuthConfig } from './auth-config';
import { devSignInRoutes } from './dev-sign-in';
import { contentSecurityPolicy, staticApp } from './static';
import type { GatewaySettings } from '../settings';

export async function webApp(settings: AuthSettings, web: GatewaySettings['web']) {
  const config = webAuthConfig(settings, web);
  const oidcOrigin = config.oidc ? new URL(config.oidc.authority).origin : undefined;
  return {
    fallback: staticApp(web.dist, contentSecurityPolicy(oidcOrigin)),
    routes: { ...authConfigRoute(config), ...(await devSignInRoutes(settings)) },
  };
}

// The gateway's browser-facing extras: the app's static files, its sign-in configuration and the
// development sign-in routes. See docs/web.md.
import type { AuthSettings } from '@hub/common';
import { authConfigRoute, webAuthConfig } from './auth-config';
import { devSignInRoutes } from './dev-sign-in';
import { contentSecurityPolicy, defaultWebRoot, staticApp } from './static';

export async function webApp(settings: AuthSettings, env: NodeJS.ProcessEnv) {
  const config = webAuthConfig(settings, env);
  const oidcOrigin = config.oidc ? new URL(config.oidc.authority).origin : undefined;
  return {
    fallback: staticApp(env.HUB_WEB_DIST || defaultWebRoot(), contentSecurityPolicy(oidcOrigin)),
    routes: { ...authConfigRoute(config), ...(await devSignInRoutes(settings)) },
  };
}

// OpenID Connect sign-in: authorization code with PKCE (oidc-client-ts). The user store is in
// memory, so no token reaches localStorage or sessionStorage; oidc-client-ts keeps only the
// short-lived PKCE verifier and state in sessionStorage between the redirect and the callback.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { session } from './session';

export interface AuthConfig {
  oidc: { authority: string; clientId: string; scope: string } | null;
  devSignIn: boolean;
}

let manager: UserManager | null = null;

export async function loadAuthConfig(): Promise<AuthConfig> {
  const res = await fetch('/auth/config');
  if (!res.ok) return { oidc: null, devSignIn: false };
  return (await res.json()) as AuthConfig;
}

function userManager(cfg: NonNullable<AuthConfig['oidc']>): UserManager {
  manager ??= new UserManager({
    authority: cfg.authority,
    client_id: cfg.clientId,
    redirect_uri: `${window.location.origin}/auth/callback`,
    scope: cfg.scope,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
  });
  return manager;
}

export async function startOidcSignIn(cfg: NonNullable<AuthConfig['oidc']>): Promise<void> {
  await userManager(cfg).signinRedirect();
}

/** On /auth/callback: exchanges the code (with the PKCE verifier) for tokens. */
export async function completeOidcSignIn(cfg: NonNullable<AuthConfig['oidc']>): Promise<void> {
  const user = await userManager(cfg).signinRedirectCallback();
  // The gateway verifies the access token (a JWT from the provider, audience = the hub).
  session.signIn(user.access_token);
}

export async function devSignIn(userKey: string, seconds?: number): Promise<void> {
  const res = await fetch(`/dev/token?user=${encodeURIComponent(userKey)}${seconds ? `&seconds=${seconds}` : ''}`);
  if (!res.ok) throw new Error('development sign-in is not available');
  session.signIn(((await res.json()) as { token: string }).token);
}

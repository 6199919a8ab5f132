// A real OpenID Connect provider (the oidc-provider package) for the browser tests, in its own
// process (the package is ESM-only; jest runs CommonJS). Authorization code with PKCE for the
// public client `send-hub-web`; access tokens are RS256 JWTs for the audience `urn:send-hub`
// carrying the hub's claims (name, org, roles), verified by the gateway through /jwks.
// Accounts are the demo users, signed in by their `sub` on the provider's development login page.
// argv: redirect URI, the users (JSON), access token lifetime in seconds. Prints one JSON line
// {"issuer": …} when listening.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const USERS = JSON.parse(process.argv[3]);
const TTL = Number(process.argv[4] || 600);

const server = createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'send-hub-web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri, redirectUri.replace(/callback$/, 'popup')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  scopes: ['openid', 'profile', 'hub'],
  claims: { openid: ['sub'], profile: ['name'] },
  async findAccount(_ctx, id) {
    const user = USERS.find((u) => u.sub === id);
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: user.name }) };
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => 'urn:send-hub',
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({
        scope: 'hub',
        audience: 'urn:send-hub',
        accessTokenTTL: TTL,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  async extraTokenClaims(_ctx, token) {
    const user = USERS.find((u) => u.sub === token.accountId);
    return user ? { name: user.name, org: user.org, roles: user.roles } : undefined;
  },
  clientBasedCORS: (_ctx, origin) => origin === new URL(redirectUri).origin,
  pkce: { required: () => true },
});
provider.proxy = false;
server.on('request', provider.callback());
console.log(JSON.stringify({ issuer }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

// The development sign-in exists only for development tokens outside production.
import { jwtVerify } from 'jose';
import { authSettings, DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { devSignInAvailable, devSignInRoutes } from './dev-sign-in';

it('offers the demo users in development, and signs their tokens with the development secret', async () => {
  const settings = authSettings({});
  expect(devSignInAvailable(settings)).toBe(true);
  const routes = await devSignInRoutes(settings);
  const users = (await routes['/dev/users']({ url: '/dev/users' } as any)).body as { key: string; roles: string[] }[];
  expect(users.map((u) => u.key)).toContain('coordinator');
  expect(users.some((u) => u.roles.includes('integration'))).toBe(false);
  const res = await routes['/dev/token']({ url: '/dev/token?user=coordinator&seconds=60' } as any);
  const { payload: claims } = await jwtVerify((res.body as { token: string }).token, new TextEncoder().encode(DEV_JWT_SECRET));
  expect(claims).toMatchObject({ sub: 'u-ehc-1', org: 'LA937', roles: ['ehc_coordinator'] });
  expect(claims.exp! - claims.iat!).toBe(60);
  expect((await routes['/dev/token']({ url: '/dev/token?user=nobody' } as any)).status).toBe(404);
});

it('is absent in production and when tokens come from an OpenID provider', async () => {
  const production = authSettings({ NODE_ENV: 'production', HUB_INTERNAL_SECRET: 'x'.repeat(40), HUB_JWT_SECRET: 'y'.repeat(40) });
  expect(devSignInAvailable(production)).toBe(false);
  expect(await devSignInRoutes(production)).toEqual({});
  const oidc = authSettings({
    HUB_JWKS_URL: 'http://127.0.0.1:1/jwks',
    HUB_JWT_ISSUER: 'http://127.0.0.1:1',
    HUB_JWT_AUDIENCE: 'urn:send-hub',
  });
  expect(await devSignInRoutes(oidc)).toEqual({});
});

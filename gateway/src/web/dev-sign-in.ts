// Development only: sign in as a demo user with one click (the same token `npm run token` gives).
// Offered only when the gateway verifies development HS256 tokens and NODE_ENV is not production;
// in production the routes do not exist (404), so the app shows only the OpenID Connect sign-in.
import { signUserToken } from '@hub/guard/auth';
import { type AuthSettings } from '@hub/runtime/settings/auth';
import { type Route } from '@hub/runtime/http';

interface DemoUser {
  sub: string;
  name: string;
  org: string;
  roles: string[];
  agency?: string;
}

export function devSignInAvailable(settings: AuthSettings): boolean {
  return !settings.production && !settings.jwksUrl;
}

export async function devSignInRoutes(settings: AuthSettings): Promise<Record<string, Route>> {
  if (!devSignInAvailable(settings)) return {};
  // The demo users live with the demo data; a deployment without the seed package simply has no page.
  let users: Record<string, DemoUser>;
  try {
    users = (await import('@hub/seed/users')).DEMO_USERS as Record<string, DemoUser>;
  } catch {
    return {};
  }
  const people = Object.entries(users).filter(([, u]) => !u.roles.includes('integration'));
  return {
    '/dev/users': async () => ({ status: 200, body: people.map(([key, u]) => ({ key, name: u.name, org: u.org, roles: u.roles })) }),
    '/dev/token': async (req) => {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const key = params.get('user') ?? '';
      // A short life on request lets the browser tests see a token expire mid-form.
      const seconds = Math.min(3600, Math.max(1, Number(params.get('seconds')) || 3600));
      const user = people.find(([k]) => k === key)?.[1];
      if (!user) return { status: 404, body: { error: 'no such demo user' } };
      return { status: 200, body: { token: await signUserToken(settings.jwtSecret, { ...user }, `${seconds}s`) } };
    },
  };
}

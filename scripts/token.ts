// `npm run token -- <demo user>`: prints a development bearer token for one of the demo users.
import { authSettings } from '@hub/runtime/settings/auth';
import { signUserToken } from '@hub/guard/auth';
import { DEMO_USERS } from '@hub/seed/users';

async function main() {
  const name = process.argv[2];
  const user = name ? DEMO_USERS[name] : undefined;
  if (!user) {
    console.error(
      `usage: npm run token -- <user>\n\nDemo users:\n${Object.entries(DEMO_USERS)
        .map(([k, u]) => `  ${k.padEnd(16)} ${u.roles.join(',').padEnd(28)} ${u.org}  ${u.name}`)
        .join('\n')}`,
    );
    process.exit(name ? 2 : 0);
  }
  const settings = authSettings();
  if (settings.jwksUrl) {
    console.error('HUB_JWKS_URL is set: tokens come from your identity provider, not from this command.');
    process.exit(2);
  }
  console.log(await signUserToken(settings.jwtSecret, { ...user }));
}

void main();

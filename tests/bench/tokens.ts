// The load client's user tokens.
import { authSettings } from '@hub/runtime/settings/auth';
import { signUserToken } from '@hub/guard/auth';
import { DEMO_USERS } from '@hub/seed';

/**
 * A demo user's token, signed with the secret the gateway under test verifies (it gets this
 * process's environment), so HUB_JWT_SECRET set for the run is honoured. A gateway that verifies
 * against an OpenID provider (HUB_JWKS_URL) cannot be driven with minted tokens: the run says so.
 */
export async function benchToken(user: keyof typeof DEMO_USERS): Promise<string> {
  const settings = authSettings();
  if (settings.jwksUrl)
    throw new Error("the bench mints its users' tokens; unset HUB_JWKS_URL (the gateway would accept only the provider's tokens)");
  return signUserToken(settings.jwtSecret, { ...DEMO_USERS[user] });
}

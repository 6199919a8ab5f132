// Settings are validated at start: a process with a bad or (in production) development setting
// refuses to start, exits non-zero, and says which setting, never its value.
import { ConfigError } from '@hub/runtime/settings/read';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { DEV_LINKAGE_KEY } from '@hub/runtime/settings/secrets';
import { subgraphProcessSettings } from '@hub/runtime/settings/process';
import { gatewaySettings } from '@hub/gateway/settings';
import { spawnService } from './kit/processes';

const REAL = {
  HUB_JWT_SECRET: 'a-real-user-token-secret-of-enough-length-1234',
  HUB_INTERNAL_SECRET: 'a-real-internal-secret-of-enough-length-5678',
  HUB_LINKAGE_KEY: 'a-real-linkage-key-9012',
};
const DB = { GOVERNANCE_DATABASE_URL: 'postgres://hub:hub@127.0.0.1:1/hub_governance' };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('processes refuse to start', () => {
  it('the gateway, in production with the development secrets', async () => {
    const gw = await spawnService({
      name: 'gateway',
      env: { NODE_ENV: 'production', HUB_JWT_SECRET: '', HUB_INTERNAL_SECRET: '', HUB_LINKAGE_KEY: '' },
      waitLive: false,
    });
    expect(await gw.exited()).toBe(78);
    expect(gw.stderr()).toMatch(/^gateway cannot start: setting: HUB_INTERNAL_SECRET must be set in production\n$/);
    expect(gw.stderr()).not.toContain(DEV_INTERNAL_SECRET);
  });

  it('a subgraph, in production with the development linkage key', async () => {
    const dev = await spawnService({
      name: 'governance',
      env: { NODE_ENV: 'production', ...REAL, HUB_LINKAGE_KEY: '', ...DB },
      waitLive: false,
    });
    expect(await dev.exited()).toBe(78);
    expect(dev.stderr()).toBe('governance cannot start: setting: HUB_LINKAGE_KEY must be set in production\n');
    expect(dev.stderr()).not.toContain(DEV_LINKAGE_KEY);
  });
});

describe('settings validation', () => {
  const prod = { NODE_ENV: 'production', ...REAL };

  it('names the setting and what it must be, never the value', () => {
    const secretish = 'postgres-password-s3cret';
    expect(refusal(() => subgraphProcessSettings('governance', { GOVERNANCE_DATABASE_URL: `mysql://u:${secretish}@h/db` }))).toBe(
      'GOVERNANCE_DATABASE_URL must be a postgres or postgresql URL',
    );
    expect(refusal(() => subgraphProcessSettings('governance', { GOVERNANCE_DATABASE_URL: secretish }))).toBe(
      'GOVERNANCE_DATABASE_URL must be a URL',
    );
    expect(refusal(() => subgraphProcessSettings('governance', {}))).toMatch(/^GOVERNANCE_DATABASE_URL \(or DATABASE_URL\) must be set/);
    expect(refusal(() => subgraphProcessSettings('governance', { ...DB, DB_POOL_SIZE: '0' }))).toBe(
      'DB_POOL_SIZE must be an integer from 1 to 200',
    );
    expect(refusal(() => subgraphProcessSettings('governance', { ...DB, PORT: '70000' }))).toBe('PORT must be an integer from 0 to 65535');
    expect(refusal(() => subgraphProcessSettings('governance', { ...DB, EDUCATION_URL: 'not a url' }))).toBe('EDUCATION_URL must be a URL');
    expect(refusal(() => gatewaySettings({ LOG_LEVEL: 'verbose' }))).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(refusal(() => subgraphProcessSettings('governance', { ...DB, LOG_LEVEL: 'loud' }))).toMatch(/^LOG_LEVEL must be one of/);
    expect(refusal(() => gatewaySettings({ SUBGRAPH_TIMEOUT_MS: '10s' }))).toBe(
      'SUBGRAPH_TIMEOUT_MS must be an integer from 100 to 300000',
    );
    expect(refusal(() => gatewaySettings({ MAX_BODY_BYTES: '-1' }))).toBe('MAX_BODY_BYTES must be an integer from 1000 to 100000000');
    expect(refusal(() => gatewaySettings({ SHUTDOWN_GRACE_MS: '1e3' }))).toBe('SHUTDOWN_GRACE_MS must be an integer from 0 to 600000');
  });

  it('refuses every development secret in production, and local subgraph addresses', () => {
    expect(refusal(() => gatewaySettings({ ...prod, HUB_JWT_SECRET: DEV_JWT_SECRET }))).toMatch(
      /^HUB_JWT_SECRET is the development default/,
    );
    expect(refusal(() => gatewaySettings({ ...prod, HUB_INTERNAL_SECRET: DEV_INTERNAL_SECRET }))).toBe(
      'HUB_INTERNAL_SECRET must be set in production',
    );
    expect(refusal(() => gatewaySettings({ ...prod, HUB_LINKAGE_KEY: DEV_LINKAGE_KEY }))).toBe('HUB_LINKAGE_KEY must be set in production');
    expect(refusal(() => gatewaySettings(prod))).toMatch(
      /^GOVERNANCE_URL, EDUCATION_URL, HEALTH_URL, SOCIAL_CARE_URL, FAMILY_URL, COMMISSIONING_URL must be set in production/,
    );
    expect(
      refusal(() => gatewaySettings({ ...prod, HUB_JWKS_URL: 'http://idp.example/jwks', HUB_JWT_ISSUER: 'i', HUB_JWT_AUDIENCE: 'a' })),
    ).toBe('HUB_JWKS_URL must be a https URL');
  });

  it('accepts a complete production configuration', () => {
    const urls = {
      GOVERNANCE_URL: 'http://governance:4004/graphql',
      EDUCATION_URL: 'http://education:4001/graphql',
      HEALTH_URL: 'http://health:4002/graphql',
      SOCIAL_CARE_URL: 'http://social-care:4003/graphql',
      FAMILY_URL: 'http://family:4006/graphql',
      COMMISSIONING_URL: 'http://commissioning:4005/graphql',
    };
    const s = gatewaySettings({ ...prod, ...urls, PORT: '8080', SUBGRAPH_TIMEOUT_MS: '5000' });
    expect(s).toMatchObject({ production: true, port: 8080, subgraphTimeoutMs: 5000, subgraphUrls: { health: urls.HEALTH_URL } });
    expect(subgraphProcessSettings('governance', { ...prod, ...DB, DB_POOL_SIZE: '20' })).toMatchObject({
      poolSize: 20,
      databaseUrl: DB.GOVERNANCE_DATABASE_URL,
    });
  });
});

// Every process's settings, read from the environment and validated once at start, before anything
// listens or connects. A bad setting stops the process with a message that names the setting and
// what it must be, never its value (it may be a secret). In production (NODE_ENV=production) the
// development defaults for secrets are refused.
import { SUBGRAPHS, subgraph, type SubgraphName } from '@hub/schema';
import { authSettings, type AuthSettings } from './auth';
import { ConfigError, intSetting, urlSetting } from './read';
import { linkageKey } from './secrets';
import { logSettings } from '../log';

export interface ProcessSettings {
  production: boolean;
  port: number;
  host: string;
  /** How long in-flight requests may take to finish after SIGTERM. */
  shutdownGraceMs: number;
  /** Largest request body accepted (HTTP 413 beyond). */
  maxBodyBytes: number;
  auth: AuthSettings;
}

export interface SubgraphProcessSettings extends ProcessSettings {
  databaseUrl: string;
  /** The owner's URL, when this process runs migrations and grants its own role (db-roles.ts). */
  migrationUrl?: string;
  poolSize: number;
}

function hostSetting(env: NodeJS.ProcessEnv): string {
  const host = env.HOST || '127.0.0.1';
  if (!/^[\w.:-]{1,255}$/.test(host)) throw new ConfigError('HOST must be a host name or address');
  return host;
}

/** What every process reads: its port and host, the request bounds and the identity secrets. */
export function processSettings(env: NodeJS.ProcessEnv, defaultPort: number): ProcessSettings {
  const auth = authSettings(env);
  linkageKey(env); // refuses the development key in production
  logSettings(env);
  if (auth.jwksUrl) urlSetting(env, 'HUB_JWKS_URL', auth.production ? ['https:'] : ['https:', 'http:']);
  return {
    production: auth.production,
    auth,
    port: intSetting(env, 'PORT', defaultPort, { min: 0, max: 65_535 }),
    host: hostSetting(env),
    ...requestSettings(env),
  };
}

/** What every HTTP front of the hub bounds: the body it reads and the drain on SIGTERM. */
function requestSettings(env: NodeJS.ProcessEnv): Pick<ProcessSettings, 'shutdownGraceMs' | 'maxBodyBytes'> {
  return {
    shutdownGraceMs: intSetting(env, 'SHUTDOWN_GRACE_MS', 10_000, { min: 0, max: 600_000 }),
    maxBodyBytes: intSetting(env, 'MAX_BODY_BYTES', 1_000_000, { min: 1_000, max: 100_000_000 }),
  };
}

export function subgraphProcessSettings(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphProcessSettings {
  const topo = subgraph(name);
  const dbName = env[topo.dbEnv] ? topo.dbEnv : 'DATABASE_URL';
  if (!env[dbName]) throw new ConfigError(`${topo.dbEnv} (or DATABASE_URL) must be set to this service's PostgreSQL database`);
  // Peers are validated too: a typo should stop the start, not the first advice request.
  for (const s of SUBGRAPHS) if (env[s.urlEnv]) urlSetting(env, s.urlEnv, ['http:', 'https:']);
  const databaseUrl = urlSetting(env, dbName, ['postgres:', 'postgresql:']);
  const migrationUrl = env[topo.migrationDbEnv] ? urlSetting(env, topo.migrationDbEnv, ['postgres:', 'postgresql:']) : undefined;
  if (migrationUrl && new URL(migrationUrl).username === new URL(databaseUrl).username) {
    throw new ConfigError(`${topo.dbEnv} must name the service's own role, not the owner in ${topo.migrationDbEnv}`);
  }
  return {
    ...processSettings(env, topo.port),
    databaseUrl,
    migrationUrl,
    poolSize: intSetting(env, 'DB_POOL_SIZE', 10, { min: 1, max: 200 }),
  };
}

/** Prints why a process cannot start (to stderr, so operators see it whatever the log settings) and exits. */
export function refuseToStart(service: string, e: unknown): never {
  const message = e instanceof ConfigError ? `setting: ${e.message}` : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? e}`;
  process.stderr.write(`${service} cannot start: ${message}\n`);
  process.exit(e instanceof ConfigError ? 78 : 1); // 78: EX_CONFIG
}

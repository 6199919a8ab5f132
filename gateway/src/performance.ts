// The gateway's settings that matter for speed, in one place. Each was measured with
// `npm run bench -- --settings`; the defaults are the better measured values and
// docs/performance.md holds the evidence. Kept apart from gateway.ts so tuning does not touch
// the request path's logic.
import cluster from 'node:cluster';
import type { ApolloGateway } from '@apollo/gateway';
import { ConfigError, intSetting } from '@hub/runtime/settings/read';
import { undiciFetcher } from './subgraph-fetch';

/** How the gateway's HTTP calls to the subgraphs are made. */
export const SUBGRAPH_FETCHERS = ['undici', 'native', 'apollo-default', 'no-keep-alive'] as const;
export type SubgraphFetcherKind = (typeof SUBGRAPH_FETCHERS)[number];

export interface GatewayPerformance {
  /** Processes serving the gateway port (node:cluster); 1 runs in the starting process. */
  workers: number;
  /**
   * undici: undici's request() on a keep-alive pool per subgraph (subgraph-fetch.ts); the default.
   * native: Node's own fetch (undici behind WHATWG fetch), keep-alive connection pool per subgraph.
   * apollo-default: RemoteGraphQLDataSource's make-fetch-happen (keep-alive through @npmcli/agent).
   * no-keep-alive: make-fetch-happen with a new TCP connection per subgraph call (measured only).
   */
  subgraphFetch: SubgraphFetcherKind;
  /** The gateway's query plan cache and Apollo Server's parsed-document cache. Off: measured only. */
  planCache: boolean;
}

export function gatewayPerformance(env: NodeJS.ProcessEnv = process.env): GatewayPerformance {
  const fetch = env.GATEWAY_SUBGRAPH_FETCH || 'undici';
  if (!(SUBGRAPH_FETCHERS as readonly string[]).includes(fetch))
    throw new ConfigError(`GATEWAY_SUBGRAPH_FETCH must be one of ${SUBGRAPH_FETCHERS.join(', ')}`);
  const planCache = env.GATEWAY_PLAN_CACHE || 'on';
  if (planCache !== 'on' && planCache !== 'off') throw new ConfigError('GATEWAY_PLAN_CACHE must be on or off');
  return {
    workers: Math.max(1, intSetting(env, 'GATEWAY_WORKERS', 1)),
    subgraphFetch: fetch as SubgraphFetcherKind,
    planCache: planCache === 'on',
  };
}

type Fetcher = (url: string, init: any) => Promise<any>;

/** The fetcher for one subgraph's data source; `apolloDefault` is RemoteGraphQLDataSource's own. */
export function subgraphFetcher(kind: SubgraphFetcherKind, timeoutMs: number, apolloDefault: Fetcher): Fetcher {
  if (kind === 'undici') return undiciFetcher(timeoutMs);
  if (kind === 'native') return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const keepAlive = kind !== 'no-keep-alive';
  return (url, init) => apolloDefault(url, { ...init, timeout: timeoutMs, keepAlive });
}

type PlannerConfig = NonNullable<NonNullable<ConstructorParameters<typeof ApolloGateway>[0]>['queryPlannerConfig']>;
const noCache: NonNullable<PlannerConfig['cache']> = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => undefined,
  clear: () => undefined,
};

/** ApolloGateway options: the default query plan LRU, or none. */
export function planCacheOptions(perf: GatewayPerformance): { queryPlannerConfig?: PlannerConfig } {
  return perf.planCache ? {} : { queryPlannerConfig: { cache: noCache } };
}

/** ApolloServer options: the default parsed-and-validated document LRU, or none. */
export function documentCacheOptions(perf: GatewayPerformance): { documentStore?: null } {
  return perf.planCache ? {} : { documentStore: null };
}

/**
 * Runs `start` in `workers` processes sharing the port (node:cluster), or in this process when
 * workers is 1. Returns true in the primary of a cluster, which only supervises.
 */
export function clusterPrimary(workers: number, onWorkerExit: (code: number | null) => void): boolean {
  if (workers <= 1 || !cluster.isPrimary) return false;
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (_w, code) => {
    if (!stopping) onWorkerExit(code);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
  });
  // Each worker finishes its in-flight requests on SIGTERM (main.ts); the primary waits for them.
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return true;
}

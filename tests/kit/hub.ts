// The seeding test kit: a whole hub (four subgraphs and the gateway, in this process, on real
// PostgreSQL) with the demo data or a synthetic population, and helpers to query it as a user.
import { DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { runMigrations } from '@hub/runtime/migrate';
import { signUserToken } from '@hub/guard/auth';
import { startSubgraph, type RunningSubgraph } from '@hub/host/subgraph';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { DEMO_CHILDREN, DEMO_USERS, writeCatalogue, writeDemo, writePopulation, type DemoUser, type PopulationChild } from '@hub/seed';
import { createDatabases, dropDatabases, serviceUrls, type DatabaseUrls } from './databases';
import { DEFINITIONS } from './definitions';
import { grantAll } from './access';

export interface GraphQLResponse<D = any> {
  status: number;
  headers: Headers;
  body: { data?: D; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface TestHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  databases: DatabaseUrls;
  children: PopulationChild[];
  /** Where each subgraph finds its peers; a test may point one elsewhere (a peer that is down). */
  peers: Partial<Record<SubgraphName, string>>;
  query<D = any>(user: string | DemoUser | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
  stop(): Promise<void>;
}

export async function tokenFor(user: string | DemoUser): Promise<string> {
  const u = typeof user === 'string' ? DEMO_USERS[user] : user;
  if (!u) throw new Error(`no demo user ${String(user)}`);
  return signUserToken(DEV_JWT_SECRET, { ...u });
}

/** Each error of a response as [code, reason or argument]: what a refusal or bad input names. */
export function errorCodes(res: { body: { errors?: any[] } }): [string | undefined, string | undefined][] {
  return (res.body.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.reason ?? e.extensions?.argument]);
}

export async function postGraphQL<D = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<D>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<D>['body'] };
}

export async function migrateAll(urls: DatabaseUrls): Promise<void> {
  for (const s of SUBGRAPHS) await runMigrations(urls[s.name], DEFINITIONS[s.name].migrations);
}

export async function startTestHub(
  opts: { children?: PopulationChild[]; label?: string; grant?: boolean; maxBodyBytes?: number } = {},
): Promise<TestHub> {
  const children = opts.children ?? DEMO_CHILDREN;
  const databases = await createDatabases(opts.label);
  await migrateAll(databases);
  await writeCatalogue(databases);
  if (opts.children) {
    await writePopulation(children, databases);
    if (opts.grant !== false) await grantAll(databases.governance, children);
  } else await writeDemo(databases);
  const services = await serviceUrls(databases);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  // Subgraphs start on free ports, so each learns where its peers are once all are up.
  const peerUrls: Partial<Record<SubgraphName, string>> = {};
  for (const s of SUBGRAPHS) {
    subgraphs[s.name] = await startSubgraph(DEFINITIONS[s.name], {
      databaseUrl: services[s.name],
      migrate: false,
      peers: () => peerUrls,
      maxBodyBytes: opts.maxBodyBytes,
    });
    peerUrls[s.name] = subgraphs[s.name].url;
  }
  const gateway = await startGateway({ subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphs[s.name].url])) });
  return {
    gateway,
    subgraphs,
    databases,
    children,
    peers: peerUrls,
    async query(user, query, variables) {
      const headers: Record<string, string> = user ? { authorization: `Bearer ${await tokenFor(user)}` } : {};
      return postGraphQL(gateway.url, query, variables, headers);
    },
    async stop() {
      await gateway.stop();
      for (const s of Object.values(subgraphs)) await s.stop();
      await dropDatabases(databases);
    },
  };
}

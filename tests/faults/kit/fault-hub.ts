// A hub for fault tests: the demo data on real PostgreSQL, the gateway in this process, and the
// subgraphs a test wants to break running as their own processes (the rest in this process).
import { startSubgraph, type RunningSubgraph } from '@hub/host/subgraph';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { writeCatalogue, writeDemo } from '@hub/seed';
import { createDatabases, dropDatabases, serviceUrls, type DatabaseUrls } from '../../kit/databases';
import { DEFINITIONS } from '../../kit/definitions';
import { migrateAll, postGraphQL, tokenFor, type GraphQLResponse } from '../../kit/hub';
import { freePort, spawnService, subgraphEnv, type ServiceProcess } from './processes';

export interface FaultHub {
  gateway: RunningGateway;
  databases: DatabaseUrls;
  /** The subgraphs running as processes. */
  processes: Partial<Record<SubgraphName, ServiceProcess>>;
  inProcess: Partial<Record<SubgraphName, RunningSubgraph>>;
  urls: Record<SubgraphName, string>;
  query<D = any>(
    user: string,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<D>>;
  stop(): Promise<void>;
}

export interface FaultHubOptions {
  label: string;
  asProcess: SubgraphName[];
  /** PostgreSQL server to create the databases on; the shared test server by default. */
  server?: string;
  /** Gateway settings (e.g. SUBGRAPH_TIMEOUT_MS); the urls of `replace` stand in for subgraphs. */
  gatewayEnv?: Record<string, string>;
  processEnv?: Record<string, string>;
}

export async function startFaultHub(opts: FaultHubOptions): Promise<FaultHub> {
  const databases = await createDatabases(opts.label, opts.server);
  await migrateAll(databases);
  await writeCatalogue(databases);
  await writeDemo(databases);
  const services = await serviceUrls(databases);
  const ports = {} as Record<SubgraphName, number>;
  for (const s of SUBGRAPHS) ports[s.name] = await freePort();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}/graphql`])) as Record<
    SubgraphName,
    string
  >;
  const inProcess: FaultHub['inProcess'] = {};
  const processes: FaultHub['processes'] = {};
  await Promise.all(
    SUBGRAPHS.map(async (s) => {
      if (opts.asProcess.includes(s.name)) {
        processes[s.name] = await spawnService({
          name: s.name,
          port: ports[s.name],
          env: subgraphEnv(s.name, services[s.name], urls, opts.processEnv),
        });
      } else {
        inProcess[s.name] = await startSubgraph(DEFINITIONS[s.name], {
          databaseUrl: services[s.name],
          port: ports[s.name],
          migrate: false,
          peers: () => urls,
        });
      }
    }),
  );
  const gateway = await startGateway({ subgraphUrls: urls, env: { ...process.env, ...opts.gatewayEnv } });
  return {
    gateway,
    databases,
    processes,
    inProcess,
    urls,
    async query(user, query, variables, headers = {}) {
      return postGraphQL(gateway.url, query, variables, { authorization: `Bearer ${await tokenFor(user)}`, ...headers });
    },
    async stop() {
      await gateway.stop();
      for (const p of Object.values(processes)) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGKILL');
      for (const s of Object.values(inProcess)) await s.stop();
      await dropDatabases(databases);
    },
  };
}

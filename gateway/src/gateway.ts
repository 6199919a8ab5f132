import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { authSettings, identityCodec, unauthenticated, userTokenVerifier, serve, closeServer, portOf, intSetting } from '@hub/common';
import { readSupergraph } from '@hub/schema';
import type { GatewayContext } from './context';
import { HubDataSource } from './data-source';
import { healthReport, type SubgraphEndpoint } from './health';

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Subgraph name → GraphQL URL. */
  subgraphUrls: Record<string, string>;
  supergraphSdl?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningGateway {
  port: number;
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const env = opts.env ?? process.env;
  const settings = authSettings(env);
  const users = userTokenVerifier(settings);
  const identity = identityCodec(settings.internalSecret);
  const timeoutMs = intSetting(env, 'SUBGRAPH_TIMEOUT_MS', 10_000);
  const endpoints: SubgraphEndpoint[] = Object.entries(opts.subgraphUrls).map(([name, url]) => ({ name, url }));

  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) => new HubDataSource(opts.subgraphUrls[name] ?? url!, timeoutMs),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !settings.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
  });
  await apollo.start();
  const server = await serve<GatewayContext>({
    apollo,
    port: opts.port ?? 0,
    host: opts.host,
    async context(req, requestId) {
      let caller;
      try {
        caller = await users.verify(req.headers.authorization);
      } catch {
        throw unauthenticated('a valid bearer token is required');
      }
      return { caller, requestId, identityToken: await identity.sign(caller, requestId) };
    },
    routes: {
      '/live': async () => ({ status: 200, body: { status: 'up' } }),
      '/health': () => healthReport(endpoints),
    },
  });
  const port = portOf(server);
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    server,
    async stop() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

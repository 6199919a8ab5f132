import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { identityCodec, PURPOSE_HEADER, userTokenVerifier } from '@hub/guard/auth';
import { unauthenticated } from '@hub/guard/errors';
import { serve, closeServer, portOf } from '@hub/runtime/http';
import { createLogger } from '@hub/runtime/log';
import { isCode, PURPOSES, readSupergraph, type Purpose } from '@hub/schema';
import type { GatewayContext } from './context';
import { HubDataSource } from './data-source';
import { healthReport, type SubgraphEndpoint } from './health';
import { hardening } from './limits';
import { documentCacheOptions, planCacheOptions } from './performance';
import { gatewaySettings, type GatewaySettings } from './settings';
import { webApp } from './web';

/** The purpose of a request comes from `x-hub-purpose`; direct care when not stated. */
function purposeOf(header: string | string[] | undefined): Purpose {
  if (header === undefined || header === '') return 'DIRECT_CARE';
  if (typeof header === 'string' && isCode(PURPOSES, header)) return header;
  throw new GraphQLError(`${PURPOSE_HEADER} must be one of ${PURPOSES.join(', ')}`, {
    extensions: { code: 'BAD_USER_INPUT', argument: PURPOSE_HEADER, http: { status: 400 } },
  });
}

export interface GatewayOptions {
  /** Else the settings' when given (the process's main), else any free port. */
  port?: number;
  host?: string;
  /** Subgraph name → GraphQL URL; else the settings' (read from the environment). */
  subgraphUrls?: Record<string, string>;
  supergraphSdl?: string;
  env?: NodeJS.ProcessEnv;
  /** Already read (the process's main); else read from env. */
  settings?: GatewaySettings;
}

export interface RunningGateway {
  port: number;
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const env = opts.env ?? process.env;
  const all = opts.settings ?? gatewaySettings(env, { subgraphUrls: opts.subgraphUrls });
  const settings = all.auth;
  const users = userTokenVerifier(settings);
  const identity = identityCodec(settings.internalSecret);
  const timeoutMs = all.subgraphTimeoutMs;
  const perf = all.performance;
  const endpoints: SubgraphEndpoint[] = Object.entries(all.subgraphUrls).map(([name, url]) => ({ name, url }));

  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) => new HubDataSource(all.subgraphUrls[name] ?? url!, timeoutMs, name, perf.subgraphFetch),
    ...planCacheOptions(perf),
  });
  const log = createLogger('gateway');
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...hardening({ production: settings.production, log, limits: all.limits }),
    ...documentCacheOptions(perf),
    // The browser app serves its own offline explorer (/explorer); Apollo's landing page loads from a CDN.
    // No answer of the hub is cacheable (each is personal data under consent), so no cache hints.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    // The process's own shutdown drains and stops in order (runtime's shutdown.ts), not Apollo's.
    stopOnTerminationSignals: false,
  });
  const web = await webApp(settings, all.web);
  await apollo.start();
  const server = await serve<GatewayContext>({
    apollo,
    port: opts.port ?? opts.settings?.port ?? 0,
    host: opts.host ?? opts.settings?.host,
    log,
    maxBodyBytes: all.maxBodyBytes,
    requestIds: 'server',
    async context(req, requestId) {
      let caller;
      try {
        caller = await users.verify(req.headers.authorization);
      } catch {
        throw unauthenticated('a valid bearer token is required');
      }
      const purpose = purposeOf(req.headers[PURPOSE_HEADER]);
      return { caller, requestId, purpose, identityToken: await identity.sign(caller, requestId, purpose) };
    },
    fallback: web.fallback,
    routes: {
      ...web.routes,
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
      await closeServer(server, all.shutdownGraceMs);
      await apollo.stop();
    },
  };
}

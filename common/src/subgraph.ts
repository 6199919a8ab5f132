// Everything a subgraph process shares: migrations, the pool, identity checking, the HTTP front.
// A subgraph supplies only its SDL, resolvers, migrations and per-request loaders.
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { authSettings } from './config';
import { identityCodec, IDENTITY_HEADER } from './auth';
import { createDb, type Db } from './db';
import { runMigrations, type MigrationClass } from './migrate';
import { serve, closeServer, portOf } from './http';
import { unauthenticated } from './errors';
import type { Caller } from './identity';
import { createLogger } from './log';

export interface SubgraphContext<L = unknown> {
  caller: Caller;
  requestId: string;
  db: Db;
  loaders: L;
}

export interface SubgraphDefinition<L> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  migrations: MigrationClass[];
  loaders: (db: Db) => L;
}

export interface SubgraphOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  migrate?: boolean;
  poolSize?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunningSubgraph {
  name: string;
  port: number;
  url: string;
  db: Db;
  server: Server;
  stop(): Promise<void>;
}

export function subgraphSchema<L>(def: SubgraphDefinition<L>) {
  return buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }]);
}

export async function startSubgraph<L>(def: SubgraphDefinition<L>, opts: SubgraphOptions): Promise<RunningSubgraph> {
  const env = opts.env ?? process.env;
  const settings = authSettings(env);
  const log = createLogger(def.name);
  if (opts.migrate !== false) {
    const ran = await runMigrations(opts.databaseUrl, def.migrations);
    if (ran.length) log.info({ migrations: ran }, 'migrations applied');
  }
  const db = createDb(opts.databaseUrl, { max: opts.poolSize });
  const identity = identityCodec(settings.internalSecret);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: subgraphSchema(def),
    introspection: !settings.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Traces go to Apollo's cloud, which this hub never reports to; building them costs per field.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const server = await serve<SubgraphContext<L>>({
    apollo,
    port: opts.port ?? 0,
    host: opts.host,
    async context(req, requestId) {
      const header = req.headers[IDENTITY_HEADER];
      try {
        const v = await identity.verify(typeof header === 'string' ? header : undefined);
        return { caller: v.caller, requestId: v.requestId || requestId, db, loaders: def.loaders(db) };
      } catch {
        // Only the gateway can vouch for a caller; anything else (including _service and
        // _entities sent straight here) is refused.
        throw unauthenticated('this service answers only requests vouched for by the hub gateway');
      }
    },
    routes: {
      '/live': async () => ({ status: 200, body: { status: 'up', service: def.name } }),
      '/health': async () => {
        try {
          await db.pool.query('select 1');
          return { status: 200, body: { status: 'up', service: def.name, database: 'up' } };
        } catch {
          return { status: 503, body: { status: 'down', service: def.name, database: 'down' } };
        }
      },
      '/stats': async () => ({ status: 200, body: { service: def.name, statements: db.stats.statements } }),
    },
  });
  const port = portOf(server);
  return {
    name: def.name,
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    db,
    server,
    async stop() {
      await closeServer(server);
      await apollo.stop();
      await db.close();
    },
  };
}

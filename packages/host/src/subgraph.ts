// Everything a subgraph process shares: migrations, the pool, identity checking, the HTTP front.
// A subgraph supplies only its SDL, resolvers, migrations and per-request loaders.
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import { authSettings } from '@hub/runtime/settings/auth';
import { identityCodec, IDENTITY_HEADER } from '@hub/guard/auth';
import { createDb, type Db } from '@hub/runtime/db';
import { runMigrations, type MigrationClass } from '@hub/runtime/migrate';
import { serve, closeServer, portOf } from '@hub/runtime/http';
import { unauthenticated } from '@hub/guard/errors';
import type { Caller } from '@hub/guard/identity';
import { createLogger } from '@hub/runtime/log';
import { maskErrors } from '@hub/runtime/error-mask';
import type { Agency, Purpose } from '@hub/schema';
import type { DataOwner } from '@hub/guard/policy/types';
import type { ApolloServerPlugin } from '@apollo/server';
import { AccessState, enforceClassification } from '@hub/guard/policy/enforce';
import { enforceOperationRules } from '@hub/guard/policy/operation-rules';
import { accessContextCodec } from '@hub/guard/policy/context-token';
import { withAuditOnWrite, withAuditInsert, writeAudit } from '@hub/guard/audit/writer';
import { RequestAudit } from '@hub/guard/audit/request-audit';
import { startSealer } from '@hub/guard/audit/seal';
import { type AuditEntry, type AuditRecord } from '@hub/guard/audit/chain';
import { grantServiceRole } from '@hub/runtime/db-roles';
import { elapsedMs, newTiming, type Timing } from '@hub/runtime/timing';
import { peerClient, peerUrlsFromEnv, type PeerClient, type PeerUrls } from './peers';
import { startOutbox, type OutboxDeliverer, type OutboxOptions } from './outbox/deliverer';
import { commissioningKey } from '@hub/runtime/settings/secrets';

export interface SubgraphContext<L = unknown> {
  caller: Caller;
  requestId: string;
  purpose: Purpose;
  db: Db;
  loaders: L;
  /** Present in the agency subgraphs: the decisions and audit entries of this request. */
  access?: AccessState;
  /** Present in a subgraph that audits its own records (governance): this request's entries. */
  audit?: RequestAudit;
  /** The hub service that made this call, when it came from a peer rather than the gateway. */
  service?: string;
  /** Calls to the other subgraphs (peers.ts). */
  peers: PeerClient;
  /** Present when the subgraph sends peer messages: kick() after a commit that enqueued one. */
  outbox?: OutboxDeliverer;
}

export interface SubgraphDefinition<L> {
  name: string;
  /** The agency whose data this subgraph owns and decides on; governance has none. */
  agency?: Agency;
  /** Whose data it guards when not an agency's: the family's own account (subgraphs/family). */
  dataOwner?: DataOwner;
  typeDefs: DocumentNode;
  /**
   * Its resolver map, typed by the subgraph's generated `Resolvers` (src/generated/graphql.ts, `npm
   * run codegen`), which checks each resolver against the SDL; Apollo's own map type cannot say
   * `__resolveReference`'s (reference, context, info), so this takes either.
   */
  resolvers: GraphQLResolverMap<SubgraphContext<L>> | { [typeName: string]: object | undefined };
  migrations: MigrationClass[];
  loaders: (db: Db) => L;
  /** Deliver this subgraph's outbox table (outbox/) to its peers while it runs. */
  outbox?: OutboxOptions;
  /** The subgraph audits its own records (RequestAudit in ctx.audit) in its own hash chain. */
  auditsOwnRecords?: boolean;
}

export interface SubgraphOptions {
  /** What the running service connects as: its own role (db-roles.ts), never the owner. */
  databaseUrl: string;
  /**
   * The owner's URL: when given, migrations run with it and the service role named in databaseUrl
   * is created and granted (db-roles.ts) before the service connects.
   */
  migrationUrl?: string;
  port?: number;
  host?: string;
  migrate?: boolean;
  poolSize?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * Benchmark-only: serve without consent guards and audit, to measure what they cost. Only code
   * can set it (the benchmark); no setting or environment variable reaches it, so a deployed hub
   * (runSubgraphProcess) cannot switch it on.
   */
  unguardedForBenchmark?: boolean;
  /** Where the other subgraphs answer; defaults to `<X>_URL` or their default local ports. */
  peers?: PeerUrls;
  maxBodyBytes?: number;
  /** How long stop() lets in-flight requests run before cutting their connections. */
  shutdownGraceMs?: number;
}

export interface RunningSubgraph {
  name: string;
  port: number;
  url: string;
  db: Db;
  server: Server;
  timing: Timing;
  outbox?: OutboxDeliverer;
  stop(): Promise<void>;
}

/** The subgraph's schema with every classified field guarded. Refuses to build if any field is
 *  unclassified: a field nobody has thought about is not served. */
export function subgraphSchema<L>(def: SubgraphDefinition<L>, opts: { unguarded?: boolean } = {}) {
  const schema = buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }]);
  if (opts.unguarded) return schema;
  const { unclassified } = enforceClassification(schema);
  if (unclassified.length) throw new Error(`${def.name}: unclassified fields (mark @personal or @notPersonal): ${unclassified.join(', ')}`);
  const { undeclared } = enforceOperationRules(schema);
  if (undeclared.length)
    throw new Error(
      `${def.name}: root fields without one rule of who may call them (@requiresRole, @requiresService or @anyCaller): ${undeclared.join(', ')}`,
    );
  return schema;
}

type AuditCtx = { access?: AccessState; audit?: RequestAudit; requestId: string; caller: Caller; purpose: Purpose };

export function auditRecord(ctx: AuditCtx, entries: AuditEntry[]): AuditRecord {
  return {
    at: (ctx.access ?? ctx.audit)?.now ?? new Date().toISOString(),
    requestId: ctx.requestId,
    actor: { sub: ctx.caller.sub, org: ctx.caller.org, roles: ctx.caller.roles },
    purpose: ctx.purpose,
    entries,
  };
}

/**
 * The request's Db for its loaders: the audit entries decided so far travel with the next read, as
 * a data-modifying CTE of the same statement (writer.ts withAuditInsert). The data and the record
 * of its disclosure are then written and read together, in one round trip; if the audit insert
 * fails, so does the read.
 */
function auditingDb(db: Db, ctx: AuditCtx): Db {
  const access = ctx.access!;
  const query = (async (sql: string, params: unknown[] = []) => {
    const pending = /^\s*(select|with)\s/i.test(sql) ? access.takeUnwritten() : undefined;
    if (!pending) return db.query(sql, params);
    try {
      const combined = withAuditInsert(sql, params, auditRecord(ctx, pending.entries));
      const rows = await db.query(combined.sql, combined.params);
      pending.settle(true);
      return rows;
    } catch (e) {
      pending.settle(false);
      throw e;
    }
  }) as Db['query'];
  return { ...db, query };
}

/** Writes what the request's reads did not already carry, before the response leaves; if it
 *  cannot, nothing is released. */
function auditPlugin(db: Db, timing: Timing): ApolloServerPlugin<SubgraphContext<any>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const pending = contextValue.access?.takeUnwritten() ?? contextValue.audit?.takeUnwritten();
          if (!pending) return;
          const start = process.hrtime.bigint();
          try {
            await writeAudit(db, auditRecord(contextValue, pending.entries));
            pending.settle(true);
            timing.auditMs += elapsedMs(start);
          } catch {
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  { message: 'the audit trail could not be written, so nothing is released', extensions: { code: 'AUDIT_UNAVAILABLE' } },
                ],
              },
            };
          }
        },
      };
    },
  };
}

export async function startSubgraph<L>(def: SubgraphDefinition<L>, opts: SubgraphOptions): Promise<RunningSubgraph> {
  const env = opts.env ?? process.env;
  const settings = authSettings(env);
  if (def.agency) commissioningKey(env); // refuse to start in production with the development key
  const log = createLogger(def.name);
  if (opts.migrationUrl) {
    const ran = await runMigrations(opts.migrationUrl, def.migrations);
    if (ran.length) log.info({ migrations: ran }, 'migrations applied');
    await grantServiceRole(opts.migrationUrl, opts.databaseUrl);
  } else if (opts.migrate !== false) {
    const ran = await runMigrations(opts.databaseUrl, def.migrations);
    if (ran.length) log.info({ migrations: ran }, 'migrations applied');
  }
  const db = createDb(opts.databaseUrl, { max: opts.poolSize });
  const identity = identityCodec(settings.internalSecret);
  const contexts = accessContextCodec(settings.internalSecret);
  const timing = newTiming();
  // Sealing is background work on its own connection, so the request counters stay per request.
  const owner = def.agency ?? def.dataOwner;
  const sealDb = (owner || def.auditsOwnRecords) && !opts.unguardedForBenchmark ? createDb(opts.databaseUrl, { max: 1 }) : undefined;
  const sealer = sealDb && startSealer(sealDb);
  const peers = peerClient({ self: def.name, agency: def.agency, identity, urls: opts.peers ?? peerUrlsFromEnv(env) });
  // Background delivery gets its own small pool, so it never takes a request's connection and its
  // polling never shows in the statements a request is counted for.
  const outboxDb = def.outbox ? createDb(opts.databaseUrl, { max: 2 }) : undefined;
  const outbox = outboxDb ? startOutbox(outboxDb, peers, log, def.outbox) : undefined;
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: subgraphSchema(def, { unguarded: opts.unguardedForBenchmark === true }),
    introspection: !settings.production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(log),
    csrfPrevention: true,
    // The process's own shutdown (shutdown.ts) drains and stops in order; Apollo's signal handlers
    // (on by default outside NODE_ENV=test) would stop it first, and our stop() then never finished.
    stopOnTerminationSignals: false,
    // Traces go to Apollo's cloud, which this hub never reports to; building them costs per field.
    // Cache hints likewise: nothing here is cacheable, and the default plugin runs on every field.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...(opts.unguardedForBenchmark && !def.auditsOwnRecords ? [] : [auditPlugin(db, timing)]),
    ],
  });
  await apollo.start();
  const server = await serve<SubgraphContext<L>>({
    apollo,
    port: opts.port ?? 0,
    host: opts.host,
    maxBodyBytes: opts.maxBodyBytes,
    log,
    onGraphQLRequest(ms) {
      timing.requests++;
      timing.serverMs += ms;
    },
    async context(req, requestId) {
      const header = req.headers[IDENTITY_HEADER];
      try {
        const v = await identity.verify(typeof header === 'string' ? header : undefined);
        const ctx = {
          caller: v.caller,
          requestId: v.requestId || requestId,
          purpose: v.purpose,
          service: v.service,
          peers,
          outbox,
          db,
          access: owner && !opts.unguardedForBenchmark ? new AccessState(v.caller, v.purpose, owner, contexts, timing) : undefined,
          audit: def.auditsOwnRecords ? new RequestAudit() : undefined,
        };
        return { ...ctx, loaders: def.loaders(ctx.access ? auditingDb(db, ctx) : db) };
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
      // cpuMs: the process's CPU time so far (user + system), for benchmarks on a shared machine where wall time misleads.
      '/stats': async () => {
        const cpu = process.cpuUsage();
        return {
          status: 200,
          body: {
            service: def.name,
            statements: db.stats.statements,
            backgroundStatements: (sealDb?.stats.statements ?? 0) + (outboxDb?.stats.statements ?? 0),
            timing,
            cpuMs: (cpu.user + cpu.system) / 1000,
          },
        };
      },
    },
  });
  const port = portOf(server);
  return {
    name: def.name,
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    db,
    server,
    timing,
    outbox,
    async stop() {
      await closeServer(server, opts.shutdownGraceMs);
      await apollo.stop();
      await outbox?.stop();
      await outboxDb?.close();
      await sealer?.stop();
      await sealDb?.close();
      await db.close();
    },
  };
}

/**
 * Runs one write (INSERT/UPDATE/DELETE ... RETURNING) with its audit record in the same statement
 * (writer.ts withAuditOnWrite): the record is kept exactly when the write changed a row.
 */
export async function auditedWrite<R extends Record<string, any> = any>(
  ctx: SubgraphContext<any>,
  sql: string,
  params: unknown[],
  entries: AuditEntry[],
): Promise<R[]> {
  const s = withAuditOnWrite(sql, params, auditRecord(ctx, entries));
  return ctx.db.query<R>(s.sql, s.params);
}

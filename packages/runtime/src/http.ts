// The HTTP front of every hub process, on fastify: /graphql plus the operational routes (/live,
// /health, /stats) that the contract and the benchmark need, the body limit and the drain on close.
// /graphql hands the request to Apollo Server (executeHTTPGraphQLRequest) inside the request's scope
// (its id and SQL statement count, which the response reports); that is why this is a route of our
// own rather than @as-integrations/fastify, whose handler answers before the count can be read.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_ID_HEADER } from './request-context';
import { requestScope } from './request-context';
import type { Logger } from './log';

export const SQL_COUNT_HEADER = 'x-sql-statements';

export type Route = (req: IncomingMessage) => Promise<{ status: number; body: unknown }>;

export interface ServeOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  port: number;
  host?: string;
  context: (req: IncomingMessage, requestId: string) => Promise<C>;
  routes?: Record<string, Route>;
  maxBodyBytes?: number;
  /** Called with the server time of each GraphQL request, in milliseconds. */
  onGraphQLRequest?: (ms: number) => void;
  /** One line per GraphQL request: request id, status, time, statements. Nothing from the body. */
  log?: Logger;
  /** Anything that is not /graphql or a route (the gateway's web app); true when it answered. */
  fallback?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /**
   * Where request ids come from. 'server' (the gateway, facing clients): every request gets a new
   * one, and a client's x-request-id is only a correlation id, so no client can make its requests
   * look like someone else's in the audit. 'upstream' (a subgraph, behind the gateway): the
   * gateway's id is carried on for the logs; the audit uses the id inside the signed identity.
   */
  requestIds?: 'server' | 'upstream';
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

const ID_FORM = /^[\w.:-]{1,100}$/;

/** The client's x-request-id when it is a well-formed id (letters, digits, . : - _; at most 100). */
export function correlationIdOf(req: IncomingMessage): string | undefined {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ID_FORM.test(given) ? given : undefined;
}

export function requestIdOf(req: IncomingMessage, from: 'server' | 'upstream' = 'upstream'): string {
  return (from === 'upstream' && correlationIdOf(req)) || randomUUID();
}

const TOO_LARGE = 'FST_ERR_CTP_BODY_TOO_LARGE';

export async function serve<C extends BaseContext>(opts: ServeOptions<C>): Promise<Server> {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  const app = Fastify({
    bodyLimit: limit,
    keepAliveTimeout: 65_000,
    // On close: idle keep-alive sockets go at once; requests in flight finish (closeServer cuts the rest).
    forceCloseConnections: 'idle',
    logger: false,
  });
  // Every body reaches the handler as text: Apollo decides what a content type means (its CSRF
  // prevention refuses the "simple" ones), and bad JSON gets the hub's own 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((e: { code?: string; name?: string }, _request, reply) => {
    if (e.code === TOO_LARGE) {
      opts.log?.warn({ limit }, 'request body too large');
      return reply
        .code(413)
        .header('connection', 'close')
        .send({ errors: [{ message: `request body too large (at most ${limit} bytes)`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    opts.log?.error({ error: e?.name }, 'request failed');
    // Never a stack trace on the wire.
    return reply.code(500).send({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  for (const [path, route] of Object.entries(opts.routes ?? {})) {
    app.get(path, async (request, reply) => {
      const r = await route(request.raw);
      return reply.code(r.status).send(r.body);
    });
  }

  app.all('/graphql', async (request, reply) => {
    const req = request.raw;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = requestIdOf(req, opts.requestIds);
    const correlationId = opts.requestIds === 'server' ? correlationIdOf(req) : undefined;
    const started = process.hrtime.bigint();
    let body: unknown;
    if (request.method === 'POST') {
      const raw = typeof request.body === 'string' ? request.body : '';
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return reply.code(400).send({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const scope = { requestId, sql: 0 };
    const result = await requestScope.run(scope, () =>
      opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method, headers, search: url.search, body },
        context: () => opts.context(req, requestId),
      }),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    opts.onGraphQLRequest?.(ms);
    opts.log?.info(
      { requestId, correlationId, status: result.status ?? 200, ms: Math.round(ms * 10) / 10, sql: scope.sql },
      'graphql request',
    );
    // Statements this request ran: the tests and the benchmark count them from here.
    const out: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, [SQL_COUNT_HEADER]: String(scope.sql) };
    if (correlationId) out[CORRELATION_ID_HEADER] = correlationId;
    // Shutting down: this answer is the connection's last, so the server can close once it is sent.
    if (closing.has(app.server)) out.connection = 'close';
    for (const [k, v] of result.headers) out[k] = v;
    reply.code(result.status ?? 200).headers(out);
    if (result.body.kind === 'complete') return reply.send(result.body.string);
    // Incremental delivery: written as Apollo yields it.
    reply.hijack();
    reply.raw.writeHead(result.status ?? 200, out);
    for await (const chunk of result.body.asyncIterator) reply.raw.write(chunk);
    reply.raw.end();
  });

  // Anything else: the gateway's web app, or 404.
  app.setNotFoundHandler(async (request, reply) => {
    const url = new URL(request.raw.url ?? '/', 'http://localhost');
    reply.hijack();
    if (!(await opts.fallback?.(request.raw, reply.raw, url))) sendJson(reply.raw, 404, { error: 'not found' });
  });

  await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  apps.set(app.server, app);
  return app.server;
}

export function portOf(server: Server): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

const closing = new WeakSet<Server>();
const apps = new WeakMap<Server, FastifyInstance>();

/**
 * Stops accepting at once, closes idle keep-alive sockets, lets in-flight requests finish (their
 * answers close their connections), and after `graceMs` cuts whatever is still open.
 */
export async function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  closing.add(server);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  cut.unref();
  try {
    await apps.get(server)!.close();
  } finally {
    clearTimeout(cut);
  }
}

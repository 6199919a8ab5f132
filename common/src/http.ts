// A small node:http front for Apollo Server: /graphql plus the operational routes (/live, /health,
// /stats) that the contract and the benchmark need, with a request size limit. Apollo Server 5 has
// no built-in HTTP framework; this is the whole integration, without pulling in express.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_ID_HEADER } from './auth';
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

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped, so the client gets its 413 instead of a reset.
      if (size > limit) reject(new BodyTooLarge());
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

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

export async function serve<C extends BaseContext>(opts: ServeOptions<C>): Promise<Server> {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const route = opts.routes?.[url.pathname];
      if (route && req.method === 'GET') {
        const r = await route(req);
        return sendJson(res, r.status, r.body);
      }
      if (url.pathname !== '/graphql') {
        if (!(await opts.fallback?.(req, res, url))) sendJson(res, 404, { error: 'not found' });
        return;
      }
      const requestId = requestIdOf(req, opts.requestIds);
      const correlationId = opts.requestIds === 'server' ? correlationIdOf(req) : undefined;
      const started = process.hrtime.bigint();
      let body: unknown;
      if (req.method === 'POST') {
        const raw = await readBody(req, limit);
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const scope = { requestId, sql: 0 };
      const result = await requestScope.run(scope, () =>
        opts.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: () => opts.context(req, requestId),
        }),
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      opts.onGraphQLRequest?.(ms);
      opts.log?.info({ requestId, correlationId, status: result.status ?? 200, ms: Math.round(ms * 10) / 10, sql: scope.sql }, 'graphql request');
      // Statements this request ran: the tests and the benchmark count them from here.
      const out: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, [SQL_COUNT_HEADER]: String(scope.sql) };
      if (correlationId) out[CORRELATION_ID_HEADER] = correlationId;
      // Shutting down: this answer is the connection's last, so the server can close once it is sent.
      if (closing.has(server)) out.connection = 'close';
      for (const [k, v] of result.headers) out[k] = v;
      res.writeHead(result.status ?? 200, out);
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        opts.log?.warn({ limit }, 'request body too large');
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { errors: [{ message: `request body too large (at most ${limit} bytes)`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      }
      opts.log?.error({ error: (e as Error)?.name }, 'request failed');
      // Never a stack trace on the wire.
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

export function portOf(server: Server): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

const closing = new WeakSet<Server>();

/**
 * Stops accepting at once, closes idle keep-alive sockets, lets in-flight requests finish (their
 * answers close their connections), and after `graceMs` cuts whatever is still open.
 */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  closing.add(server);
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

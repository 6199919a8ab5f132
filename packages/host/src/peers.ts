// Service-to-service calls between subgraphs (e.g. education telling governance and health about
// an advice request, the commissioning service asking each agency for its pseudonymised extract).
// A peer call carries an identity token signed with the internal secret, like the gateway's, plus
// the calling service's name (`svc`), so a receiver can accept an operation only from the service
// that is meant to send it. Operations meant only for peers are `@inaccessible` in the SDL, so the
// gateway never exposes them.
import { SUBGRAPHS, type Agency, type Purpose, type SubgraphName } from '@hub/schema';
import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, type IdentityCodec } from '@hub/guard/auth';
import { REQUEST_ID_HEADER } from '@hub/runtime/request-context';
import type { Caller } from '@hub/guard/identity';

export type PeerUrls = () => Partial<Record<SubgraphName, string>>;

/** Where each peer answers: `<X>_URL` from the environment, else its default local port. */
export function peerUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): PeerUrls {
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, env[s.urlEnv] || `http://127.0.0.1:${s.port}/graphql`]));
  return () => urls;
}

export class PeerError extends Error {
  constructor(
    readonly peer: SubgraphName,
    message: string,
    /** GraphQL error codes the peer answered with, if it answered. */
    readonly codes: string[] = [],
  ) {
    super(`${peer}: ${message}`);
  }
}

export interface PeerCallOptions {
  /** Who the call acts for; defaults to the service itself (an integration caller of its agency). */
  caller?: Caller;
  requestId?: string;
  purpose?: Purpose;
  timeoutMs?: number;
}

export interface PeerClient {
  readonly self: string;
  request<T = any>(peer: SubgraphName, query: string, variables?: Record<string, unknown>, opts?: PeerCallOptions): Promise<T>;
}

/** The caller a service acts as when it acts for nobody else. */
export function serviceCaller(self: string, agency?: Agency): Caller | undefined {
  return agency ? { sub: `service:${self}`, name: self, org: 'HUB', roles: ['integration'], agency } : undefined;
}

export function peerClient(opts: {
  self: string;
  agency?: Agency;
  identity: IdentityCodec;
  urls: PeerUrls;
  timeoutMs?: number;
}): PeerClient {
  return {
    self: opts.self,
    async request<T>(peer: SubgraphName, query: string, variables?: Record<string, unknown>, call: PeerCallOptions = {}): Promise<T> {
      const caller = call.caller ?? serviceCaller(opts.self, opts.agency);
      if (!caller) throw new Error(`${opts.self} has no agency: a peer call must say which caller it acts for`);
      const url = opts.urls()[peer];
      if (!url) throw new PeerError(peer, 'no address configured');
      const requestId = call.requestId ?? randomUUID();
      const token = await opts.identity.sign(caller, requestId, call.purpose ?? 'DIRECT_CARE', opts.self);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token, [REQUEST_ID_HEADER]: requestId },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(call.timeoutMs ?? opts.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new PeerError(peer, `unreachable (${(e as Error).name})`);
      }
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new PeerError(peer, `answered HTTP ${res.status} without GraphQL`);
      }
      if (body.errors?.length) {
        const codes = body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN');
        throw new PeerError(peer, `answered with errors: ${[...new Set(codes)].join(', ')}`, codes);
      }
      if (!res.ok || body.data === undefined) throw new PeerError(peer, `answered HTTP ${res.status}`);
      return body.data;
    },
  };
}

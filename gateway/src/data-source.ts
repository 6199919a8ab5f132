// How the gateway talks to a subgraph: it forwards the caller's identity, signed by the gateway,
// and the request id; every call has a time limit so a hung subgraph cannot hang the gateway.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER } from '@hub/guard/auth';
import { REQUEST_ID_HEADER } from '@hub/runtime/request-context';
import type { GatewayContext } from './context';
import { subgraphFetcher, type SubgraphFetcherKind } from './performance';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Why a call to a subgraph failed, without its address or the transport's own words. */
function failureReason(error: any, status?: number): 'TIMEOUT' | 'UNREACHABLE' | 'HTTP_ERROR' {
  if (status !== undefined && status >= 400) return 'HTTP_ERROR';
  const kind = `${error?.type ?? ''} ${error?.name ?? ''} ${error?.code ?? ''}`;
  return /timeout|abort/i.test(kind) ? 'TIMEOUT' : 'UNREACHABLE';
}

export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly timeoutMs: number,
    private readonly serviceName = 'subgraph',
    fetcher: SubgraphFetcherKind = 'undici',
  ) {
    super({ url });
    this.fetcher = subgraphFetcher(fetcher, timeoutMs, this.fetcher) as typeof this.fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!context?.identityToken) return; // schema loading and health checks carry no caller
    request.http!.headers.set(IDENTITY_HEADER, context.identityToken);
    request.http!.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  /** A subgraph that is down, hung or failing is named in the error, so the client knows whose part
   *  of the answer is missing; the rest of the answer still comes back. */
  override didEncounterError(error: any, _req: unknown, response?: { status: number }): never {
    const reason = failureReason(error, response?.status);
    const what =
      reason === 'TIMEOUT'
        ? `did not answer within ${this.timeoutMs} ms`
        : reason === 'HTTP_ERROR'
          ? `answered HTTP ${response!.status}`
          : 'is unavailable';
    throw new GraphQLError(`the ${this.serviceName} service ${what}`, {
      extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName, reason },
    });
  }
}

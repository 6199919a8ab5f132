// How the gateway talks to a subgraph: it forwards the caller's identity, signed by the gateway,
// and the request id; every call has a time limit so a hung subgraph cannot hang the gateway.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@hub/common';
import type { GatewayContext } from './context';
import { subgraphFetcher, type SubgraphFetcherKind } from './performance';

export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, timeoutMs: number, fetcher: SubgraphFetcherKind = 'apollo-default') {
    super({ url });
    this.fetcher = subgraphFetcher(fetcher, timeoutMs, this.fetcher) as typeof this.fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!context?.identityToken) return; // schema loading and health checks carry no caller
    request.http!.headers.set(IDENTITY_HEADER, context.identityToken);
    request.http!.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

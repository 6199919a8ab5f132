import type { Caller } from '@hub/common';

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  /** The caller as the gateway vouches for it to the subgraphs, signed once per request. */
  identityToken: string;
}

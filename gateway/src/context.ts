import type { Caller } from '@hub/guard/identity';
import type { Purpose } from '@hub/schema';

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  purpose: Purpose;
  /** The caller as the gateway vouches for it to the subgraphs, signed once per request. */
  identityToken: string;
}

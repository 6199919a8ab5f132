// Per-request state that must follow the request through async code without being threaded by
// hand: the request id for logs and audit, and the SQL statement count the tests and bench read.
import { AsyncLocalStorage } from 'node:async_hooks';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestScope {
  requestId: string;
  sql: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

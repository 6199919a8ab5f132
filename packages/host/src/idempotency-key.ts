// A client's idempotency key: a client that did not hear the answer to a write (timeout, dropped
// connection, a service killed mid-request) retries with the same key and gets what the first
// attempt made, never a second one. One form everywhere a write takes a key.
import { badInput } from '@hub/guard/errors';

const KEY = /^[\w-]{8,100}$/;

/** An optional key (null when not given), or BAD_USER_INPUT naming the argument. */
export function checkIdempotencyKey(v: unknown, argument = 'idempotencyKey'): string | null {
  if (v == null) return null;
  if (typeof v !== 'string' || !KEY.test(v)) throw badInput(argument, 'must be 8-100 letters, digits, - or _');
  return v;
}

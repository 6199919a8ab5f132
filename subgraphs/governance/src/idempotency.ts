// Client idempotency keys for writes: a client that did not hear the answer to a write (timeout,
// dropped connection, a service killed mid-request) retries with the same key and gets the record
// the first attempt made, never a second one. The unique indexes do the work, not a read-then-write.
import { badInput } from '@hub/common';

const KEY = /^[\w-]{8,100}$/;

export function checkIdempotencyKey(key: unknown): string | null {
  if (key == null) return null;
  if (typeof key !== 'string' || !KEY.test(key)) throw badInput('idempotencyKey', 'must be 8-100 letters, digits, - or _');
  return key;
}

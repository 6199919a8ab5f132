// The governance subgraph hands each child's access context to the data subgraphs through the
// gateway (a federation @requires field). It is signed, so a subgraph only ever decides on a
// context that governance produced, for that child, moments ago.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { authSettings } from '@hub/runtime/settings/auth';
import type { AccessContext } from './types';

const MAX_AGE_MS = 60_000;

function keyFor(internalSecret: string): Buffer {
  return createHmac('sha256', internalSecret).update('hub access context v1').digest();
}

export function accessContextCodec(internalSecret: string) {
  // Imported once: a raw key is imported again by every createHmac.
  const key = createSecretKey(keyFor(internalSecret));
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    sign(context: AccessContext, nowMs = Date.now()): string {
      const body = Buffer.from(JSON.stringify({ c: context, t: nowMs })).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    /** The context for `childId`, or throws when it is forged, stale or for another child. */
    verify(token: unknown, childId: string, nowMs = Date.now()): AccessContext {
      if (typeof token !== 'string') throw new Error('no access context');
      const dot = token.indexOf('.');
      const body = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(mac(body));
      if (dot < 0 || given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new Error('access context signature is invalid');
      const { c, t } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { c: AccessContext; t: number };
      if (c.childId !== childId) throw new Error('access context is for another child');
      if (nowMs - t > MAX_AGE_MS || t - nowMs > 5_000) throw new Error('access context is stale');
      return c;
    },
  };
}
export type AccessContextCodec = ReturnType<typeof accessContextCodec>;

let shared: AccessContextCodec | undefined;

/** The codec under this process's settings, built on first use rather than at import, so that a
 *  process with a bad setting stops with a clear message first. */
export function accessContexts(): AccessContextCodec {
  return (shared ??= accessContextCodec(authSettings().internalSecret));
}

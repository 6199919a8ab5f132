// What leaves a service when something unexpected fails. Our own GraphQLErrors (bad input,
// withheld, ...) go out as they are; anything else (a driver error, a bug) is replaced by a plain
// message and a code, because its text can carry addresses, SQL or even the values in a row.
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './log';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** The database is down, restarting or unreachable (SQLSTATE classes 08 and 57P, socket errors). */
export function isDatabaseUnavailable(e: any): boolean {
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CONNECTION_CODES.has(code) || /^08/.test(code) || /^57P0[1-3]$/.test(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    String(e?.message ?? ''),
  );
}

export function maskErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError) return formatted;
    const path = formatted.path;
    if (isDatabaseUnavailable(original)) {
      log.warn({ code: (original as any)?.code, path }, 'database unavailable');
      return { message: 'the database is unavailable; try again shortly', path, extensions: { code: DATABASE_UNAVAILABLE } };
    }
    // Name and SQLSTATE only: a message may quote the data.
    log.error({ error: (original as Error)?.name, code: (original as any)?.code, path }, 'unexpected error');
    return { message: 'internal error', path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

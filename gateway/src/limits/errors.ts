// What the gateway lets out in an error. Subgraph errors (already masked there) and the gateway's
// own GraphQLErrors pass; limit refusals get one code; anything unexpected becomes a plain
// "internal error". No stack traces, ever (includeStacktraceInErrorResponses is off as well).
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@hub/runtime/log';
import { QUERY_TOO_COMPLEX } from './limit-error';

export function gatewayFormatError(log: Logger, maxTokens: number) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const ext = formatted.extensions ?? {};
    if (ext.limit) return { ...formatted, extensions: { ...ext, code: QUERY_TOO_COMPLEX } };
    // graphql-js reports the token limit as a syntax error (worded "more that N tokens").
    if (ext.code === 'GRAPHQL_PARSE_FAILED' && /contains more th[ae]t? \d+ tokens/.test(formatted.message)) {
      return {
        message: `query has more than ${maxTokens} tokens, the limit`,
        extensions: { code: QUERY_TOO_COMPLEX, limit: 'tokens', max: maxTokens },
      };
    }
    // graphql-js quotes the rejected value in variable errors; it may be personal data, so it goes.
    const variable = /^Variable "(\$\w+)" got invalid value .*?(?: at "([\w.[\]]+)")?;/.exec(formatted.message);
    if (variable)
      return {
        ...formatted,
        message: `Variable "${variable[1]}" has an invalid value${variable[2] ? ` at "${variable[2]}"` : ''}`,
        extensions: { ...ext, argument: variable[1].slice(1) },
      };
    if (original instanceof GraphQLError || (error instanceof GraphQLError && !(original instanceof Error))) return formatted;
    log.error({ error: (original as Error)?.name, path: formatted.path }, 'unexpected error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

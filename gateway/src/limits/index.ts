// The gateway's defences against careless and hostile clients, as Apollo Server settings:
// query limits (depth, aliases, directives, cost as validation rules; tokens at parse time),
// introspection and schema hints ("Did you mean …") off in production, CSRF prevention, masked
// errors. The request body limit is applied by the HTTP front (MAX_BODY_BYTES).
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { Logger } from '@hub/runtime/log';
import { gatewayFormatError } from './errors';
import { limitRules } from './rules';
import type { QueryLimits } from './settings';

export { queryLimits, type QueryLimits } from './settings';
export { QUERY_TOO_COMPLEX } from './limit-error';

export function hardening(opts: {
  production: boolean;
  log: Logger;
  limits: QueryLimits;
}): Partial<ApolloServerOptionsWithGateway<BaseContext>> {
  const limits = opts.limits;
  return {
    introspection: !opts.production,
    hideSchemaDetailsFromClientErrors: opts.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: gatewayFormatError(opts.log, limits.maxTokens),
  };
}

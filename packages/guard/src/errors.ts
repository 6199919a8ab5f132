import { GraphQLError } from 'graphql';
import type { WithholdReason } from './policy/types';

export function unauthenticated(message = 'authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Bad input names the argument and why, and never echoes the value (it may be personal data). */
export function badInput(argument: string, why: string, more: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${argument} ${why}`, { extensions: { ...more, code: 'BAD_USER_INPUT', argument } });
}

export function forbidden(reason: WithholdReason, message = 'withheld'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason } });
}

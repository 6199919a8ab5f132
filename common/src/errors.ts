import { GraphQLError } from 'graphql';

export type WithheldReason = 'NO_CONSENT' | 'NO_RELATIONSHIP' | 'ROLE';

export function unauthenticated(message = 'authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Bad input names the argument and why, and never echoes the value (it may be personal data). */
export function badInput(argument: string, why: string, more: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${argument} ${why}`, { extensions: { ...more, code: 'BAD_USER_INPUT', argument } });
}

export function forbidden(reason: WithheldReason, message = 'withheld'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason } });
}

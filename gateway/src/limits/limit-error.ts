import { GraphQLError, type ASTNode } from 'graphql';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** A limit refusal: which limit, its value, and what the operation came to (not the operation). */
export function limitError(limit: string, max: number, actual: number, node?: ASTNode): GraphQLError {
  return new GraphQLError(`query ${limit} ${actual} exceeds the limit of ${max}`, {
    nodes: node,
    extensions: { code: QUERY_TOO_COMPLEX, limit, max, actual },
  });
}

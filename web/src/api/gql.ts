// gql whose documents yield `any` data: the pages read the hub's partial answers field by field
// (withheld parts are null), so a generated type would add little here.
import { gql as apolloGql, type TypedDocumentNode } from '@apollo/client';

export function gql(literals: TemplateStringsArray, ...args: unknown[]): TypedDocumentNode<any, any> {
  return apolloGql(literals, ...(args as string[])) as TypedDocumentNode<any, any>;
}

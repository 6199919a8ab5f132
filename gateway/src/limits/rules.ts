// Validation rules, one per limit, run by Apollo Server after parsing and before planning: a query
// that is too deep, too aliased, too costly or carries too many directives never reaches a subgraph.
// Depth, aliases and directives are GraphQL Armor's rules; the cost rule is ours because Armor's
// cost limit prices a list field like any object, while here a list multiplies what is under it
// (by its inline length, e.g. children(ids: [...]), or LIST_FACTOR), which is what the work does.
// The token limit is graphql-js's own parse option (hardening(), index.ts): it stops the parser
// itself, before a document exists, which a rule or plugin run after parsing cannot.
import {
  Kind,
  getNamedType,
  isListType,
  getNullableType,
  type FragmentDefinitionNode,
  type ValidationContext,
  type ValidationRule,
  type GraphQLOutputType,
  type GraphQLError,
} from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { QueryLimits } from './settings';
import { limitError } from './limit-error';

function fragmentsOf(ctx: ValidationContext): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

/**
 * Armor's options for one limit: it reports to us instead of throwing, and the refusal is the
 * hub's one shape (limitError: code QUERY_TOO_COMPLEX, which limit, its value, what the operation
 * came to), read from Armor's "…, found N." message.
 */
function armored(limit: string, n: number) {
  return {
    n,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLError) => {
        const found = Number(/found (\d+)/.exec(err.message)?.[1] ?? n + 1);
        ctx?.reportError(limitError(limit, n, found));
      },
    ],
  };
}

export function depthLimit(max: number): ValidationRule {
  // Fragments do not add a level of their own: depth is the nesting of the fields that run.
  return maxDepthRule({ ...armored('depth', max), flattenFragments: true, ignoreIntrospection: true }) as ValidationRule;
}

export function aliasLimit(max: number): ValidationRule {
  return maxAliasesRule({ ...armored('aliases', max), allowList: [] }) as ValidationRule;
}

export function directiveLimit(max: number): ValidationRule {
  return maxDirectivesRule(armored('directives', max)) as ValidationRule;
}

/** What a list is assumed to hold when the query does not say: the cost of a list field's
 *  selections is multiplied by it, so nested lists grow the estimate as they grow the work. */
export const LIST_FACTOR = 10;

/**
 * Cost: every field costs 1, times the product of the list factors of the lists above it; a list
 * argument (e.g. children(ids: [...])) given inline counts as its length. Types come from the
 * schema the gateway serves, walked alongside the selections.
 */
export function costLimit(max: number): ValidationRule {
  return (ctx) => {
    const fragments = fragmentsOf(ctx);
    const schema = ctx.getSchema();
    return {
      OperationDefinition(op) {
        const root =
          op.operation === 'mutation'
            ? schema.getMutationType()
            : op.operation === 'subscription'
              ? schema.getSubscriptionType()
              : schema.getQueryType();
        if (!root) return;
        let cost = 0;
        const walk = (set: typeof op.selectionSet, parent: any, factor: number, seen: Set<string>) => {
          for (const sel of set.selections) {
            if (cost > max) return;
            if (sel.kind === Kind.FIELD) {
              if (sel.name.value.startsWith('__')) continue;
              cost += factor;
              const def = parent?.getFields?.()[sel.name.value];
              if (!def || !sel.selectionSet) continue;
              const type = getNullableType(def.type as GraphQLOutputType);
              let f = factor;
              if (isListType(type)) {
                const inline = sel.arguments?.find((a) => a.value.kind === Kind.LIST);
                f *= inline && inline.value.kind === Kind.LIST ? Math.max(1, inline.value.values.length) : LIST_FACTOR;
              }
              walk(sel.selectionSet, getNamedType(def.type), f, seen);
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
              const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
              walk(sel.selectionSet, t, factor, seen);
            } else {
              const frag = fragments[sel.name.value];
              if (!frag || seen.has(frag.name.value)) continue;
              walk(frag.selectionSet, schema.getType(frag.typeCondition.name.value), factor, new Set([...seen, frag.name.value]));
            }
          }
        };
        walk(op.selectionSet, root, 1, new Set());
        if (cost > max) ctx.reportError(limitError('cost', max, cost, op));
      },
    };
  };
}

export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases), directiveLimit(limits.maxDirectives), costLimit(limits.maxCost)];
}

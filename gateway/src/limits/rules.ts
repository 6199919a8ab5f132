// Validation rules, one per limit, run by Apollo Server after parsing and before planning: a query
// that is too deep, too aliased, too costly or carries too many directives never reaches a subgraph.
import { Kind, getNamedType, isListType, getNullableType, type FragmentDefinitionNode, type OperationDefinitionNode, type ValidationContext, type ValidationRule, type GraphQLOutputType } from 'graphql';
import type { QueryLimits } from './settings';
import { countDirectives, isIntrospection, walkOperation } from './walk';
import { limitError } from './limit-error';

function fragmentsOf(ctx: ValidationContext): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

function perOperation(check: (op: OperationDefinitionNode, ctx: ValidationContext, fragments: Record<string, FragmentDefinitionNode>) => void): ValidationRule {
  return (ctx) => ({
    OperationDefinition(op) {
      check(op, ctx, fragmentsOf(ctx));
    },
  });
}

export function depthLimit(max: number): ValidationRule {
  return perOperation((op, ctx, fragments) => {
    let deepest = 0;
    walkOperation(op.selectionSet, fragments, ({ field, depth }) => {
      if (isIntrospection(field)) return false;
      deepest = Math.max(deepest, depth);
    });
    if (deepest > max) ctx.reportError(limitError('depth', max, deepest, op));
  });
}

export function aliasLimit(max: number): ValidationRule {
  return perOperation((op, ctx, fragments) => {
    let aliases = 0;
    walkOperation(op.selectionSet, fragments, ({ field }) => {
      if (field.alias) aliases++;
    });
    if (aliases > max) ctx.reportError(limitError('aliases', max, aliases, op));
  });
}

export function directiveLimit(max: number): ValidationRule {
  return perOperation((op, ctx, fragments) => {
    const n = countDirectives(op) + Object.values(fragments).reduce((s, f) => s + countDirectives(f), 0);
    if (n > max) ctx.reportError(limitError('directives', max, n, op));
  });
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
        const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
        if (!root) return;
        let cost = 0;
        const walk = (set: typeof op.selectionSet, parent: any, factor: number, seen: Set<string>) => {
          for (const sel of set.selections) {
            if (cost > max) return;
            if (sel.kind === Kind.FIELD) {
              if (isIntrospection(sel)) continue;
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

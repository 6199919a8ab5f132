// Walks an operation's selections through its fragments, once per fragment per path, so the limit
// rules measure what would execute. A fragment cycle (rejected by the standard rules anyway) stops
// the walk instead of looping.
import { Kind, type FragmentDefinitionNode, type SelectionSetNode, type FieldNode, type ASTNode } from 'graphql';

export interface Visit {
  field: FieldNode;
  depth: number;
  /** The fields above this one, outermost first. */
  ancestors: FieldNode[];
}

/** Fields visited at most per walk: fragments spread inside fragments can multiply a small document
 *  into an enormous one; past this the walk stops (the cost rule refuses such an operation). */
const MAX_VISITS = 20_000;

export function walkOperation(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, visit: (v: Visit) => boolean | void) {
  let visits = 0;
  const go = (set: SelectionSetNode, ancestors: FieldNode[], seen: Set<string>) => {
    for (const sel of set.selections) {
      if (++visits > MAX_VISITS) return;
      if (sel.kind === Kind.FIELD) {
        if (visit({ field: sel, depth: ancestors.length + 1, ancestors }) === false) continue;
        if (sel.selectionSet) go(sel.selectionSet, [...ancestors, sel], seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        go(sel.selectionSet, ancestors, seen);
      } else {
        const name = sel.name.value;
        const frag = fragments[name];
        if (!frag || seen.has(name)) continue;
        go(frag.selectionSet, ancestors, new Set([...seen, name]));
      }
    }
  };
  go(selectionSet, [], new Set());
}

export function isIntrospection(field: FieldNode): boolean {
  return field.name.value.startsWith('__');
}

export function countDirectives(node: ASTNode): number {
  let n = 0;
  const stack: any[] = [node];
  while (stack.length) {
    const cur = stack.pop();
    if (!cur || typeof cur !== 'object') continue;
    if (cur.kind === Kind.DIRECTIVE) n++;
    for (const k of ['selectionSet', 'selections', 'directives']) {
      const v = cur[k];
      if (Array.isArray(v)) stack.push(...v);
      else if (v) stack.push(v);
    }
  }
  return n;
}

// The one enforcement mechanism every subgraph shares. At schema build, every field classified
// `@personal(category)` (on the field or its type) is wrapped, so no resolver can skip the check:
//   - decide early: the first classified field of a child computes the decision for that
//     (caller, child, category) from the signed access context, once per request;
//   - redact late: a denied field resolves to null with FORBIDDEN and a reason (contract); list
//     items that carry a more sensitive `__category` are dropped silently, so a list never reveals
//     by its length what it withheld;
//   - every decision, permit or deny, becomes an audit entry, written before the response leaves.
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLObjectType,
  Kind,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { DATA_CATEGORIES, isCode, type DataCategory, type Purpose } from '@hub/schema';
import type { Caller } from '../identity';
import { forbidden } from '../errors';
import type { AccessContextCodec } from './context-token';
import { decide } from './decide';
import type { AccessContext, DataOwner, Decision } from './types';
import type { AuditEntry } from '../audit/chain';
import { elapsedMs, type Timing } from '@hub/runtime/timing';

const STAMP = Symbol('hub.access.child');

/** Per-request access state: decisions made so far and the audit entries they produced. */
export class AccessState {
  private readonly contexts = new Map<string, AccessContext>();
  private readonly decisions = new Map<string, Decision>();
  /** Audit entries of decisions not yet written (or being written) to the audit trail. */
  private readonly unwritten = new Map<string, AuditEntry>();
  readonly now = new Date().toISOString();

  constructor(
    readonly caller: Caller,
    readonly purpose: Purpose,
    readonly owner: DataOwner,
    private readonly codec: AccessContextCodec,
    private readonly timing?: Timing,
  ) {}

  /** Verifies the signed context the gateway passed for a child (once per child per request). */
  adopt(childId: string, token: unknown): void {
    if (this.contexts.has(childId)) return;
    const start = process.hrtime.bigint();
    try {
      this.contexts.set(childId, this.codec.verify(token, childId));
    } catch {
      // A missing, forged or stale context decides nothing: every category is refused below.
    }
    if (this.timing) this.timing.policyMs += elapsedMs(start);
  }

  /** The verified context adopted for a child, for decisions the schema's categories do not express
   *  (a correction request: the family's words addressed to one agency). */
  contextOf(childId: string): AccessContext | undefined {
    return this.contexts.get(childId);
  }

  /** An audit entry for such a decision, written with the request's next read or before it answers. */
  note(entry: AuditEntry): void {
    this.unwritten.set(`note|${JSON.stringify(entry)}`, entry);
  }

  decision(childId: string, category: DataCategory): Decision {
    const key = `${childId}|${category}`;
    let d = this.decisions.get(key);
    if (!d) {
      const start = process.hrtime.bigint();
      const context = this.contexts.get(childId);
      // No verified context means no basis to disclose anything: fail closed.
      d = context
        ? decide({ caller: this.caller, purpose: this.purpose, owner: this.owner, category, context, now: this.now })
        : { effect: 'DENY', reason: 'NO_RELATIONSHIP' };
      this.decisions.set(key, d);
      this.unwritten.set(key, toEntry(childId, category, d));
      if (this.timing) this.timing.policyMs += elapsedMs(start);
    }
    return d;
  }

  /** Every category a field's selection can reach, decided now for this child (decide early), so
   *  the audit record is complete by the time the record is read and can travel with that read. */
  decideSelection(childId: string, info: GraphQLResolveInfo): void {
    for (const category of selectionCategories(info)) this.decision(childId, category);
  }

  /**
   * Hands out the entries not yet written, for one write. The writer calls back with the outcome:
   * on failure they go back to the unwritten set, so the final write (or its refusal) covers them.
   */
  takeUnwritten(): { entries: AuditEntry[]; settle(ok: boolean): void } | undefined {
    if (this.unwritten.size === 0) return undefined;
    const taken = [...this.unwritten];
    this.unwritten.clear();
    return {
      entries: taken.map(([, entry]) => entry),
      settle: (ok) => {
        if (!ok) for (const [key, entry] of taken) this.unwritten.set(key, entry);
      },
    };
  }
}

const selectionCache = new WeakMap<object, Set<DataCategory>>();

/** Categories of every classified field (and of list items marked @mayHold) under a field's
 *  selection, fragments included. Cached per selection node: a caseload repeats the same one. */
function selectionCategories(info: GraphQLResolveInfo): Set<DataCategory> {
  const node = info.fieldNodes[0];
  let found = selectionCache.get(node);
  if (found) return found;
  found = new Set<DataCategory>();
  const visit = (type: GraphQLOutputType, selections: readonly SelectionNode[] | undefined) => {
    const named = getNamedType(type);
    if (!(named instanceof GraphQLObjectType) || !selections) return;
    for (const c of mayHold(named)) found!.add(c);
    for (const sel of selections) {
      if (sel.kind === Kind.FIELD) {
        const field = named.getFields()[sel.name.value];
        if (!field) continue;
        const c = classificationOf(named, sel.name.value);
        if (c && c !== 'NOT_PERSONAL') found!.add(c);
        visit(field.type, sel.selectionSet?.selections);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(
          sel.typeCondition ? ((info.schema.getType(sel.typeCondition.name.value) as GraphQLOutputType) ?? named) : named,
          sel.selectionSet.selections,
        );
      } else {
        const frag = info.fragments[sel.name.value];
        if (frag) visit((info.schema.getType(frag.typeCondition.name.value) as GraphQLOutputType) ?? named, frag.selectionSet.selections);
      }
    }
  };
  for (const n of info.fieldNodes) visit(info.returnType, n.selectionSet?.selections);
  selectionCache.set(node, found);
  return found;
}

/** Categories a type's individual values may carry (`@mayHold(category: X)`), decided per item. */
function mayHold(type: GraphQLObjectType): DataCategory[] {
  const out: DataCategory[] = [];
  for (const node of [type.astNode, ...type.extensionASTNodes]) {
    for (const d of node?.directives ?? []) {
      if (d.name.value !== 'mayHold') continue;
      const arg = d.arguments?.find((a) => a.name.value === 'category');
      const value = arg?.value.kind === Kind.ENUM ? arg.value.value : undefined;
      if (!isCode(DATA_CATEGORIES, value)) throw new Error(`@mayHold needs a DataCategory, got ${String(value)}`);
      out.push(value);
    }
  }
  return out;
}

function toEntry(childId: string, category: DataCategory, d: Decision): AuditEntry {
  return d.effect === 'PERMIT'
    ? { childId, category, decision: 'PERMIT', basis: d.basis, consentId: d.consentId, breakGlassId: d.breakGlassId }
    : { childId, category, decision: 'DENY', reason: d.reason };
}

export type Classification = DataCategory | 'NOT_PERSONAL' | undefined;

function directiveCategory(node: { directives?: readonly any[] } | null | undefined): Classification {
  for (const d of node?.directives ?? []) {
    if (d.name.value === 'notPersonal') return 'NOT_PERSONAL';
    if (d.name.value === 'personal') {
      const arg = d.arguments?.find((a: any) => a.name.value === 'category');
      const value = arg?.value?.value;
      if (!isCode(DATA_CATEGORIES, value)) throw new Error(`@personal needs a DataCategory, got ${String(value)}`);
      return value;
    }
  }
  return undefined;
}

/** A field's classification: its own directive, else its type's. */
export function classificationOf(type: GraphQLObjectType, fieldName: string): Classification {
  const field = type.getFields()[fieldName];
  return (
    directiveCategory(field?.astNode) ?? directiveCategory(type.astNode) ?? type.extensionASTNodes.map(directiveCategory).find(Boolean)
  );
}

interface EnforcedContext {
  access?: AccessState;
}

/** The child a value belongs to: stamped by an enclosing classified field, or the Child entity. */
function childOf(source: any, access: AccessState, parentType: string): string | undefined {
  if (source?.[STAMP]) return source[STAMP];
  if (parentType === 'Child' && typeof source?.id === 'string') {
    access.adopt(source.id, source.accessContext);
    return source.id;
  }
  // An entity that belongs to a child and asks for it with @requires(fields: "child { id
  // accessContext }") (e.g. AdviceRequest) adopts that child: the context is signed for that id.
  const child = source?.child;
  if (parentType !== 'Child' && typeof child?.id === 'string' && 'accessContext' in child) {
    access.adopt(child.id, child.accessContext);
    return child.id;
  }
  return undefined;
}

function stamp(value: any, childId: string): any {
  if (value && typeof value === 'object' && !Object.prototype.hasOwnProperty.call(value, STAMP)) {
    Object.defineProperty(value, STAMP, { value: childId, enumerable: false });
  }
  return value;
}

function redact(value: any, childId: string, access: AccessState): any {
  if (Array.isArray(value)) {
    const kept = value.filter((item) => {
      const cat = item?.__category;
      return !isCode(DATA_CATEGORIES, cat) || access.decision(childId, cat).effect === 'PERMIT';
    });
    for (const item of kept) stamp(item, childId);
    return kept;
  }
  return stamp(value, childId);
}

function guard(
  category: DataCategory,
  resolve: GraphQLFieldResolver<any, EnforcedContext>,
  parentType: string,
): GraphQLFieldResolver<any, EnforcedContext> {
  return (source, args, ctx, info) => {
    const access = ctx.access;
    if (!access) throw forbidden('ROLE', 'no access state for this request');
    const childId = childOf(source, access, parentType);
    if (!childId) throw forbidden('NO_RELATIONSHIP', 'no child context for this field');
    const d = access.decision(childId, category);
    if (d.effect === 'DENY') throw forbidden(d.reason, `${info.parentType.name}.${info.fieldName} is withheld (${d.reason})`);
    if (info.fieldNodes[0].selectionSet) access.decideSelection(childId, info);
    const value = resolve(source, args, ctx, info);
    if (value && typeof (value as any).then === 'function') return (value as Promise<any>).then((v) => redact(v, childId, access));
    return redact(value, childId, access);
  };
}

const SKIP_TYPES = new Set(['Query', 'Mutation', 'Subscription', '_Service']);

/**
 * Wraps every classified field of `schema` in place. Returns the fields it found unclassified
 * (outside Query/Mutation), which the classification test requires to be none.
 */
export function enforceClassification(schema: GraphQLSchema): { unclassified: string[]; guarded: number } {
  const unclassified: string[] = [];
  let guarded = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || SKIP_TYPES.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const c = classificationOf(type, field.name);
      if (c === undefined) {
        if (!(type.name === 'Child' && (field.name === 'id' || field.name === 'accessContext')))
          unclassified.push(`${type.name}.${field.name}`);
        continue;
      }
      if (c === 'NOT_PERSONAL') continue;
      field.resolve = guard(c, field.resolve ?? defaultFieldResolver, type.name);
      guarded++;
    }
  }
  return { unclassified, guarded };
}

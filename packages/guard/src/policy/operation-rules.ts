// Who may call each root field, declared in the SDL beside it and enforced by one schema-build pass,
// as the field guard is: a resolver cannot forget the check, and a root field without a declared
// rule fails the build (docs/architecture.md, "The guard"). Data-level access (which child, which
// category) stays with the consent guard and need-to-know; this decides only whether the operation
// is open to the caller at all.
import { defaultFieldResolver, GraphQLObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { AGENCIES, PROFESSIONAL_ROLES, ROLES, isCode, type Agency, type Role } from '@hub/schema';
import { forbidden } from '../errors';
import type { Caller } from '../identity';

/** A role name, or PROFESSIONAL for every professional role (the policy core's list). */
const GROUPS: Record<string, readonly Role[]> = { PROFESSIONAL: PROFESSIONAL_ROLES };

export type OperationRule =
  | { kind: 'role'; roles: readonly Role[]; agency?: Agency; reason?: string }
  | { kind: 'service'; services: readonly string[]; roles?: readonly Role[]; reason?: string }
  | { kind: 'anyCaller' };

/** The caller and, for a call from another hub service, that service. */
export interface OperationCaller {
  caller: Caller;
  service?: string;
}

/** Pure: may this caller run an operation under this rule? Returns the refusal's message, or null. */
export function refusalOf(rule: OperationRule, who: OperationCaller): string | null {
  switch (rule.kind) {
    case 'anyCaller':
      return null;
    case 'service': {
      const serviceOk = !!who.service && rule.services.includes(who.service);
      const actingForOk = !rule.roles || who.caller.roles.some((r) => rule.roles!.includes(r));
      return serviceOk && actingForOk ? null : (rule.reason ?? `called only by the ${rule.services.join(', ')} service`);
    }
    case 'role': {
      const roleOk = who.caller.roles.some((r) => rule.roles.includes(r));
      const agencyOk = !rule.agency || who.caller.agency === rule.agency;
      if (roleOk && agencyOk) return null;
      return rule.reason ?? `needs one of the roles ${rule.roles.join(', ')}${rule.agency ? ` acting for ${rule.agency}` : ''}`;
    }
  }
}

function expandRoles(names: string[], where: string): Role[] {
  const roles = names.flatMap((n) => GROUPS[n] ?? (isCode(ROLES, n) ? [n] : undefined));
  if (roles.includes(undefined as never)) throw new Error(`${where}: @requiresRole names an unknown role (${names.join(', ')})`);
  return [...new Set(roles)];
}

/** The rule a root field declares, or undefined when it declares none (or more than one). */
export function ruleOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, where: string): OperationRule | undefined {
  const role = getDirective(schema, field, 'requiresRole')?.[0];
  const service = getDirective(schema, field, 'requiresService')?.[0];
  const any = getDirective(schema, field, 'anyCaller')?.[0];
  if ([role, service, any].filter(Boolean).length !== 1) return undefined;
  if (any) return { kind: 'anyCaller' };
  if (service)
    return {
      kind: 'service',
      services: service.services,
      roles: service.roles && expandRoles(service.roles, where),
      reason: service.reason,
    };
  if (!role) return undefined;
  if (role.agency !== undefined && !isCode(AGENCIES, role.agency))
    throw new Error(`${where}: @requiresRole agency ${role.agency} is not an agency`);
  return { kind: 'role', roles: expandRoles(role.roles, where), agency: role.agency, reason: role.reason };
}

const FEDERATION_FIELDS = new Set(['_service', '_entities']);

function wrap(field: GraphQLField<unknown, any>, rule: OperationRule): void {
  if (rule.kind === 'anyCaller') return;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, ctx: OperationCaller, info) => {
    const refusal = refusalOf(rule, ctx);
    if (refusal) throw forbidden('ROLE', refusal);
    return resolve(source, args, ctx, info);
  };
}

/**
 * Wraps every root field of `schema` in place with its declared rule, and any other field that
 * declares one (an entity's field reached through `_entities`, such as a trail's part). Returns the
 * root fields that declare none (or several), which the subgraph build refuses.
 */
export function enforceOperationRules(schema: GraphQLSchema): { undeclared: string[] } {
  const undeclared: string[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name)) continue;
      const where = `${type.name}.${field.name}`;
      const rule = ruleOf(schema, field, where);
      if (rule) wrap(field, rule);
      else if (roots.has(type)) undeclared.push(where);
    }
  }
  return { undeclared };
}

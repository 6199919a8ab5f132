// A well-formed value for any GraphQL input type, from its name and type: the demo children's ids
// and identifiers, real dates, codes that exist. Fuzz tests start from it so that their calls get
// past GraphQL's own coercion and reach the resolvers' checks.
import { getNullableType, isEnumType, isInputObjectType, isListType, isScalarType, type GraphQLInputType } from 'graphql';
import { DEMO_CHILDREN } from '@hub/seed';

/** Names of arguments and input fields that hold a date or a date-time. */
export const DATE_NAME = /(date|Date|At$|On$|^from$|^to$|^start$|^end$|[sS]ince|[uU]ntil)/;

/** A value of the right shape that gets past most resolvers' other checks. */
export function valid(name: string, type: GraphQLInputType, depth = 0): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [valid(name, inner.ofType, depth + 1)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    if (depth > 3) return undefined;
    return Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, valid(f.name, f.type, depth + 1)]));
  }
  if (!isScalarType(inner)) return null;
  if (inner.name === 'ID') return DEMO_CHILDREN[0].id;
  if (inner.name === 'Int') return 1;
  if (inner.name === 'Boolean') return false;
  if (DATE_NAME.test(name)) return /At$/.test(name) ? '2024-01-31T10:00:00Z' : '2024-01-31';
  if (/nhs/i.test(name)) return DEMO_CHILDREN[0].nhsNumber ?? '9990000018';
  if (/upn/i.test(name)) return DEMO_CHILDREN[0].upn ?? 'A12345678901';
  if (/laCode/.test(name)) return '937';
  if (/org/i.test(name)) return 'RX1';
  if (/sub$/i.test(name)) return 'u-health-1';
  if (/key/i.test(name)) return `k-${Math.random().toString(36).slice(2, 12)}`;
  return 'a reason that is long enough';
}

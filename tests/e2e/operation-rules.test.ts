// Operation-level access is declared in the SDL (@requiresRole, @requiresService, @anyCaller) and
// enforced by one schema-build pass (packages/guard/src/policy/operation-rules.ts). These tests walk every
// subgraph's schema as it is served: no root field without a rule, and each rule refuses before the
// resolver runs.
import { GraphQLObjectType, parse, type GraphQLResolveInfo } from 'graphql';
import { subgraphSchema } from '@hub/host/subgraph';
import { type Caller } from '@hub/guard/identity';
import { ruleOf } from '@hub/guard/policy/operation-rules';
import { DEFINITIONS } from '../kit/definitions';
import { DEMO_USERS } from '@hub/seed';

const built = Object.entries(DEFINITIONS).map(([name, def]) => ({ name, def, schema: subgraphSchema(def) }));
const people: Caller[] = Object.values(DEMO_USERS).map((u: any) => ({
  sub: u.sub,
  name: u.name,
  org: u.org,
  roles: u.roles,
  agency: u.agency,
}));

function rootFields() {
  return built.flatMap(({ name, schema }) =>
    [schema.getQueryType(), schema.getMutationType()]
      .filter((t): t is GraphQLObjectType => !!t)
      .flatMap((t) =>
        Object.values(t.getFields())
          .filter((f) => !f.name.startsWith('_'))
          .map((field) => ({ name, schema, where: `${t.name}.${field.name}`, field })),
      ),
  );
}

it('every root field of every subgraph declares exactly one rule of who may call it', () => {
  const fields = rootFields();
  expect(fields.length).toBeGreaterThan(70);
  expect(fields.filter((f) => !ruleOf(f.schema, f.field, f.where)).map((f) => `${f.name} ${f.where}`)).toEqual([]);
});

it('a subgraph with a root field that declares no rule refuses to build', () => {
  const def = DEFINITIONS.health;
  const typeDefs = parse(`${require('../../subgraphs/health/src').sdl}\nextend type Query { secretCount: Int @notPersonal }`);
  expect(() => subgraphSchema({ ...def, typeDefs })).toThrow(/root fields without one rule.*Query.secretCount/);
});

it('an unknown role in a rule fails the build', () => {
  const def = DEFINITIONS.health;
  const typeDefs = parse(
    `${require('../../subgraphs/health/src').sdl}\nextend type Query { secretCount: Int @notPersonal @requiresRole(roles: ["wizard"]) }`,
  );
  expect(() => subgraphSchema({ ...def, typeDefs })).toThrow(/unknown role/);
});

it('every role or service rule refuses, before its resolver runs, each demo user it does not name', async () => {
  let refused = 0;
  for (const { where, field, schema } of rootFields()) {
    const rule = ruleOf(schema, field, where)!;
    if (rule.kind === 'anyCaller') continue;
    const outsiders = people.filter((p) => rule.kind === 'service' || !p.roles.some((r) => rule.roles.includes(r)));
    expect(outsiders.length).toBeGreaterThan(0);
    for (const caller of outsiders) {
      // No database in the context: a resolver that ran would fail differently.
      const run = async () => field.resolve!(undefined, {}, { caller, requestId: 'r' }, {} as GraphQLResolveInfo);
      await expect(run()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'ROLE' } });
      refused++;
    }
  }
  expect(refused).toBeGreaterThan(300);
});

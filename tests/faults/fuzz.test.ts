// Every query and mutation of the composed schema gets generated bad values (wrong types, huge
// strings, invalid dates, codes, ids, NHS numbers and UPNs, nulls, deep nesting) through the
// gateway. The answer is always a clear GraphQL error (or a valid answer): never a 500, never a
// stack trace, never an unexpected-error code, never the value echoed back, and a refused mutation
// writes nothing (row counts of every table of every agency database; the audit trails and the
// ledger of failed invitation redemptions, which exist to record refusals, aside).
// The operations come from the schema the gateway serves (schema/supergraph.graphql), so a new
// field is fuzzed without touching this file.
import fc from 'fast-check';
import { Client } from 'pg';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DEMO_CHILDREN } from '@hub/seed';
import { SUBGRAPHS } from '@hub/schema';
import { startTestHub, type TestHub } from '../kit/hub';
import { valid } from './kit/valid-args';

jest.setTimeout(600_000);
const RUNS = Number(process.env.FUZZ_RUNS || 15);
const ALLOWED = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'QUERY_TOO_COMPLEX',
  'BAD_REQUEST',
]);
const USERS = ['coordinator', 'social-worker', 'paediatrician', 'privacy-officer', 'commissioner', 'parent'];
// Writes that only a team manager or a source system may make (allocate, registerChild, endRelationship).
const WRITERS = [...USERS, 'team-manager', 'health-feed'];

let hub: TestHub;
let schema: GraphQLSchema;
const counters: { client: Client; sql: string }[] = [];

beforeAll(async () => {
  hub = await startTestHub({ label: 'fuzz' });
  const intro = await hub.query('coordinator', getIntrospectionQuery());
  schema = buildClientSchema(intro.body.data);
  for (const s of SUBGRAPHS) {
    const client = new Client({ connectionString: hub.databases[s.name] });
    await client.connect();
    const tables = (
      await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'audit%' AND table_name NOT IN ('schema_migrations', 'family_redeem_failure') ORDER BY 1",
      )
    ).rows.map((r) => r.table_name);
    counters.push({ client, sql: `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::text`).join(" || ',' || ")} AS counts` });
  }
});
afterAll(async () => {
  for (const c of counters) await c.client.end();
  await hub?.stop();
});

/** What the runs came to, per operation: so the test can show the values got past type coercion. */
const seen: Record<string, Set<string>> = {};
const note = (field: string, what: string) => (seen[field] ??= new Set()).add(what);

const rowCounts = async () => (await Promise.all(counters.map(async (c) => (await c.client.query(c.sql)).rows[0].counts))).join('|');

// Values that are wrong for almost anything.
const hostile = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constant(2 ** 53),
  fc.boolean(),
  fc.constant(''),
  fc.constant('x'.repeat(200_000)),
  fc.string({ maxLength: 40 }),
  fc.constant('2024-13-45'),
  fc.constant('9990000019'),
  fc.constant('A93720011600Z'),
  fc.constant("'; DROP TABLE consent; --"),
  fc.constant('../../etc/passwd'),
  fc.constant('\u0000\uffff\ud800'),
  fc.constant({}),
  fc.constant([]),
  fc.constant(JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200))),
  fc.array(fc.constant('00000000-0000-4000-8000-000000000001'), { minLength: 501, maxLength: 600 }),
);

// Values of the right shape, so resolvers get past type coercion and their own checks are fuzzed.
function plausible(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  const orHostile = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: hostile });
  if (isListType(inner)) return orHostile(fc.array(plausible(inner.ofType, depth + 1), { maxLength: 4 }));
  if (isEnumType(inner)) return orHostile(fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.value)), fc.constant('NOT_A_CODE')));
  if (isInputObjectType(inner)) {
    if (depth > 3) return hostile;
    const fields = Object.values(inner.getFields());
    return orHostile(
      fc.record(Object.fromEntries(fields.map((f) => [f.name, plausible(f.type, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      }),
    );
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID':
        return orHostile(fc.oneof(fc.constantFrom(...DEMO_CHILDREN.map((c) => c.id)), fc.uuid(), fc.constant('not-a-uuid')));
      case 'Int':
        return orHostile(fc.oneof(fc.integer({ min: -5, max: 300 }), fc.integer()));
      case 'Boolean':
        return orHostile(fc.boolean());
      default:
        return orHostile(
          fc.oneof(
            fc.constantFrom(
              '2024-01-31',
              '2024-02-30',
              '2024-01-31T10:00:00Z',
              '31/01/2024',
              'LA937',
              'RX1',
              '937',
              '9990000018',
              '999 000 0018',
              DEMO_CHILDREN[0].upn!,
              'a reason that is long enough',
            ),
            fc.string({ maxLength: 30 }),
          ),
        );
    }
  }
  return hostile;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const vars = field.args.map((a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** Strings long enough that finding one in an error can only mean it was echoed. */
function echoable(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string' && v.length >= 8 && /[A-Za-z0-9]{4}/.test(v)) out.push(v.slice(0, 200));
  else if (Array.isArray(v)) v.slice(0, 20).forEach((x) => echoable(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => echoable(x, out));
  return out;
}

async function check(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, user: string, variables: Record<string, unknown>) {
  const before = kind === 'mutation' ? await rowCounts() : '';
  const res = await hub.query(user, operation(kind, field), variables);
  expect([200, 400, 413]).toContain(res.status);
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/stacktrace|\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  note(field.name, res.body.errors?.length ? 'error' : 'answer');
  for (const e of res.body.errors ?? []) {
    if (e.extensions?.code === 'BAD_USER_INPUT' && !String(e.message).startsWith('Variable')) note(field.name, 'resolver refused');
    if (!ALLOWED.has(e.extensions?.code)) throw new Error(`${field.name}: unexpected error code ${e.extensions?.code}: ${e.message}`);
    for (const s of echoable(variables))
      if (e.message.includes(s)) throw new Error(`${field.name}: error message echoes a value given: ${e.message.slice(0, 200)}`);
  }
  const refused = (res.body.errors?.length ?? 0) > 0 && res.body.data?.[field.name] == null;
  if (kind === 'mutation' && refused) expect(await rowCounts()).toBe(before);
}

describe('every operation, fuzzed', () => {
  it('covers every query and mutation of the composed schema', () => {
    const names = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    expect(names).toEqual(
      expect.arrayContaining([
        'child',
        'childByNhsNumber',
        'childByUpn',
        'children',
        'registerChild',
        'recordConsent',
        'allocate',
        'breakGlass',
      ]),
    );
  });

  for (const kind of ['query', 'mutation'] as const) {
    it(`${kind}: a clear error or a valid answer, nothing written when refused`, async () => {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        const args = fc.record(
          Object.fromEntries(
            field.args.map((a) => [a.name, fc.oneof({ weight: 3, arbitrary: plausible(a.type) }, { weight: 1, arbitrary: hostile })]),
          ),
        );
        // Every user gets runs of their own, so each operation meets the roles that may call it with
        // plausible values (a random pick could, by chance, never ask a commissioning query well
        // formed as a commissioner).
        const users = kind === 'query' ? USERS : WRITERS;
        for (const [i, user] of users.entries()) {
          // One well-formed call first, so every operation reaches its resolver for every role.
          await check(kind, field, user, Object.fromEntries(field.args.map((a) => [a.name, valid(a.name, a.type)])));
          await fc.assert(
            fc.asyncProperty(args, async (variables) => check(kind, field, user, variables)),
            { numRuns: Math.max(2, Math.ceil((RUNS * 2) / users.length)), seed: Number(process.env.FUZZ_SEED || 7) + i },
          );
        }
      }
      // The fuzzing reached the resolvers' own checks, not only GraphQL's type coercion.
      const withArgs = Object.values(root.getFields()).filter((f) => f.args.length);
      const reached = withArgs.filter((f) => seen[f.name]?.has('resolver refused') || seen[f.name]?.has('answer'));
      const unreached = withArgs.filter((f) => !reached.includes(f)).map((f) => f.name);
      if (reached.length < Math.ceil(withArgs.length * 0.75))
        throw new Error(
          `${kind}: only ${reached.length} of ${withArgs.length} operations reached a resolver's own check; not: ${unreached.join(', ')}`,
        );
    });
  }
});

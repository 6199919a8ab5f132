// A joint view of N children costs a constant number of SQL statements per subgraph: counted.
import { SUBGRAPHS } from '@hub/schema';
import { authSettings } from '@hub/runtime/settings/auth';
import { identityCodec } from '@hub/guard/auth';
import { SQL_COUNT_HEADER } from '@hub/runtime/http';
import { generatePopulation } from '@hub/seed';
import { postGraphQL, startTestHub, type TestHub } from '../kit/hub';
import { openAccessContext } from '../kit/access';
import { sql } from '../kit/databases';

// The subgraphs that hold children's records (commissioning holds none and has no Child entity).
const RECORD_SUBGRAPHS = SUBGRAPHS.filter((s) => s.name !== 'commissioning');

const CASELOAD = `query($ids: [ID!]!) {
  children(ids: $ids) {
    id
    education { upn givenName needs { senType } placements { placementType } ehcPlan { sectionB outcomes { description } provision { description } } services { service { name } } }
    health { nhsNumber diagnoses { code } needs { description } referrals { service waitDays } episodes { service } services { service { name } } }
    socialCare { laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } disabilities shortBreaks { provider } }
    familyStory { version views }
  }
}`;

let hub: TestHub;
// Only children known to all three agencies, so every subgraph does real work for every child.
const population = [...generatePopulation({ children: 12000, seed: 11 })].filter((c) => c.education && c.health && c.socialCare);

beforeAll(async () => {
  hub = await startTestHub({ children: population, label: 'batch' });
});
afterAll(() => hub?.stop());

async function statementsFor(ids: string[]) {
  const before = Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements]));
  const res = await hub.query('coordinator', CASELOAD, { ids });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.children).toHaveLength(ids.length);
  res.body.data.children.forEach((c: any, i: number) => expect(c.id).toBe(ids[i]));
  return Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements - before[s.name]]));
}

it('has at least 50 children known to all three agencies to work with', () => {
  expect(population.length).toBeGreaterThanOrEqual(50);
});

it('costs the same number of statements per subgraph for 1 child and for 50', async () => {
  const one = await statementsFor([population[0].id]);
  const fifty = await statementsFor(population.slice(0, 50).map((c) => c.id));
  expect(fifty).toEqual(one);
  // Each agency reads its records and writes the request's audit record in ONE statement;
  // governance reads the children's access contexts once, which both decide whether the caller may
  // see each child and are what it signs for the agencies.
  expect(one).toEqual({ governance: 1, education: 1, health: 1, 'social-care': 1, family: 1 });
});

describe('_entities batching, called directly with gateway-vouched identity', () => {
  const codec = identityCodec(authSettings().internalSecret);
  const fields: Record<string, string> = {
    education: 'education { upn needs { senType } }',
    health: 'health { nhsNumber referrals { service } }',
    'social-care': 'socialCare { laChildId cinEpisodes { primaryNeed } }',
    family: 'familyStory { version }',
    governance: 'id',
  };

  const signedFor = openAccessContext;

  it.each(RECORD_SUBGRAPHS.map((s) => s.name))(
    '%s resolves 20 representations with one statement (records and audit record together), null for unknown children',
    async (name) => {
      const token = await codec.sign({ sub: 'u-ehc-1', name: 'x', org: 'LA937', roles: ['ehc_coordinator'], agency: 'EDUCATION' }, 'req-1');
      const unknown = '00000000-0000-4000-8000-999999999999';
      // The synthetic population has no stories of its own: the family writes one for each of the 20.
      if (name === 'family') {
        await sql(
          hub.databases.family,
          "INSERT INTO family_story (child_id, version, written_by, written_as, sections) SELECT id, 1, 'u-parent', 'PARENT', '{\"views\": \"x\"}' FROM unnest($1::uuid[]) AS id ON CONFLICT DO NOTHING",
          [population.slice(0, 20).map((c) => c.id)],
        );
      }
      const reps = [...population.slice(0, 20).map((c) => c.id), unknown].map((id) => ({
        __typename: 'Child',
        id,
        ...(name === 'governance' ? {} : { accessContext: signedFor(id) }),
      }));
      const res = await postGraphQL(
        hub.subgraphs[name].url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { ${fields[name]} } } }`,
        { r: reps },
        { 'x-hub-identity': token },
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      // governance: one statement (it holds no guarded fields); agencies: one statement that reads
      // the records and writes the audit record of their disclosure.
      expect(res.headers.get(SQL_COUNT_HEADER)).toBe('1');
      const entities = res.body.data._entities;
      expect(entities).toHaveLength(21);
      if (name === 'governance') expect(entities[20]).toBeNull();
      else {
        const key = name === 'social-care' ? 'socialCare' : name === 'family' ? 'familyStory' : name;
        expect(entities.slice(0, 20).every((e: any) => e[key] !== null)).toBe(true);
        expect(entities[20][key]).toBeNull();
      }
    },
  );

  it('withholds every guarded field (FORBIDDEN, not an error) when the access context is missing or forged', async () => {
    const token = await codec.sign({ sub: 'u-ehc-1', name: 'x', org: 'LA937', roles: ['ehc_coordinator'], agency: 'EDUCATION' }, 'req-3');
    const id = population[0].id;
    const forged = signedFor(id).replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    for (const accessContext of [undefined, forged, signedFor(population[1].id)]) {
      const res = await postGraphQL(
        hub.subgraphs.education.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { education { upn } } } }`,
        { r: [{ __typename: 'Child', id, accessContext }] },
        { 'x-hub-identity': token },
      );
      expect(res.body.data._entities[0].education).toBeNull();
      expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
    }
  });

  it('_service answers the SDL to the gateway-vouched caller', async () => {
    const token = await codec.sign({ sub: 'u-ehc-1', name: 'x', org: 'LA937', roles: ['ehc_coordinator'], agency: 'EDUCATION' }, 'req-2');
    const res = await postGraphQL(hub.subgraphs.health.url, '{ _service { sdl } }', undefined, { 'x-hub-identity': token });
    expect(res.body.data._service.sdl).toContain('type HealthRecord');
  });
});

// The joint view through the gateway, on real PostgreSQL with the demo data.
import { DEMO_CHILDREN } from '@hub/seed';
import { signUserToken } from '@hub/guard/auth';
import { DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { SignJWT } from 'jose';
import { postGraphQL, startTestHub, type TestHub } from '../kit/hub';

const JOINT_VIEW = `query($id: ID!) {
  child(id: $id) {
    id
    education { upn givenName senStatus needs { rank senType } currentPlacement { placementType } ehcPlan { status sectionB } }
    health { nhsNumber referrals { service waiting waitDays } diagnoses { code } }
    socialCare { laCode laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } }
  }
}`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'joint' });
});
afterAll(() => hub?.stop());

const byAgencies = (n: number) => DEMO_CHILDREN.find((c) => [c.education, c.health, c.socialCare].filter(Boolean).length === n)!;

describe('joint view', () => {
  it('brings together a child known to all three agencies', async () => {
    const c = byAgencies(3);
    const res = await hub.query('coordinator', JOINT_VIEW, { id: c.id });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const child = res.body.data.child;
    expect(child.id).toBe(c.id);
    expect(child.education).toMatchObject({ upn: c.upn, givenName: c.givenName, senStatus: c.education!.senStatus });
    expect(child.education.needs.map((n: any) => n.senType)).toEqual(c.education!.needs);
    expect(child.health.nhsNumber).toBe(c.nhsNumber);
    expect(child.health.referrals).toHaveLength(c.health!.referrals.length);
    expect(child.socialCare).toMatchObject({ laCode: c.laCode, laChildId: c.socialCare!.laChildId });
    expect(child.socialCare.cinEpisodes.map((e: any) => e.primaryNeed)).toEqual(c.socialCare!.cin.map((e) => e.primaryNeed));
  });

  it('gives null, not an error, for agencies that do not know a child (two agencies)', async () => {
    const c = DEMO_CHILDREN.find((x) => x.education && x.health && !x.socialCare)!;
    const res = await hub.query('coordinator', JOINT_VIEW, { id: c.id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.child.education.upn).toBe(c.upn);
    expect(res.body.data.child.health.nhsNumber).toBe(c.nhsNumber);
    expect(res.body.data.child.socialCare).toBeNull();
  });

  it('gives null for an agency that does not know a child the caller may see (two agencies)', async () => {
    const c = DEMO_CHILDREN.find((x) => x.socialCare && x.health && !x.education)!;
    const res = await hub.query('social-worker', JOINT_VIEW, { id: c.id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.child).toMatchObject({
      id: c.id,
      education: null,
      health: { nhsNumber: c.nhsNumber },
      socialCare: { laChildId: c.socialCare!.laChildId },
    });
  });

  it('refuses without consent in the same way whether or not the other agency knows the child', async () => {
    // Child known only to social care, with no consent recorded: the refusal must not reveal
    // that education and health hold nothing.
    const only = DEMO_CHILDREN.find((x) => x.socialCare && !x.education && !x.health)!;
    const res = await hub.query('social-worker', JOINT_VIEW, { id: only.id });
    expect(res.body.data.child).toMatchObject({
      id: only.id,
      education: null,
      health: null,
      socialCare: { laChildId: only.socialCare!.laChildId },
    });
    const reasons = res.body.errors!.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.reason]).sort();
    expect(reasons).toEqual([
      ['child.education', 'FORBIDDEN', 'NO_CONSENT'],
      ['child.health', 'FORBIDDEN', 'NO_CONSENT'],
    ]);
  });

  it('finds a child by NHS number, with or without spaces', async () => {
    const c = byAgencies(3);
    const spaced = `${c.nhsNumber!.slice(0, 3)} ${c.nhsNumber!.slice(3, 6)} ${c.nhsNumber!.slice(6)}`;
    for (const n of [c.nhsNumber!, spaced]) {
      const res = await hub.query('paediatrician', 'query($n: String!) { childByNhsNumber(nhsNumber: $n) { id health { nhsNumber } } }', {
        n,
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.childByNhsNumber).toEqual({ id: c.id, health: { nhsNumber: c.nhsNumber } });
    }
  });

  it('finds a child by UPN; an unknown but valid number is refused like any child the caller does not work with', async () => {
    const c = byAgencies(3);
    const found = await hub.query('coordinator', 'query($u: String!) { childByUpn(upn: $u) { id } }', { u: c.upn });
    expect(found.body.data.childByUpn).toEqual({ id: c.id });
    const none = await hub.query('coordinator', 'query($n: String!) { childByNhsNumber(nhsNumber: $n) { id } }', { n: '9434765919' });
    expect(none.body.data.childByNhsNumber).toBeNull();
    expect(none.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
  });

  it('an unknown hub id is refused like any child the caller does not work with', async () => {
    const res = await hub.query('coordinator', JOINT_VIEW, { id: '00000000-0000-4000-8000-999999999999' });
    expect(res.body.data.child).toBeNull();
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
  });
});

describe('bad input', () => {
  it('rejects an invalid NHS number with BAD_USER_INPUT naming the argument, without echoing it', async () => {
    const res = await hub.query('paediatrician', 'query($n: String!) { childByNhsNumber(nhsNumber: $n) { id } }', { n: '9434765918' });
    expect(res.body.data?.childByNhsNumber ?? null).toBeNull();
    const [err] = res.body.errors!;
    expect(err.extensions!.code).toBe('BAD_USER_INPUT');
    expect(err.extensions!.argument).toBe('nhsNumber');
    expect(err.message).toMatch(/check digit/);
    expect(JSON.stringify(res.body)).not.toContain('9434765918');
  });

  it('rejects an invalid UPN and a malformed hub id', async () => {
    const upn = await hub.query('coordinator', '{ childByUpn(upn: "A12345678901") { id } }');
    expect(upn.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'upn' });
    const id = await hub.query('coordinator', '{ child(id: "42") { id } }');
    expect(id.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('rejects a registration with an invalid identifier and writes nothing', async () => {
    const before = await hub.subgraphs.governance.db.query('SELECT count(*)::int AS n FROM child_identifier');
    const res = await hub.query(
      'health-feed',
      'mutation { registerChild(input: { nhsNumber: "9990000018", upn: "A12345678901" }) { id } }',
    );
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.upn' });
    const after = await hub.subgraphs.governance.db.query('SELECT count(*)::int AS n FROM child_identifier');
    expect(after).toEqual(before);
  });
});

describe('authentication', () => {
  const Q = '{ child(id: "00000000-0000-4000-8000-000000000001") { id } }';
  it('401 UNAUTHENTICATED without a token', async () => {
    const res = await postGraphQL(hub.gateway.url, Q);
    expect(res.status).toBe(401);
    expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('401 for a bad signature and for an expired token', async () => {
    const forged = await signUserToken('not-the-secret-not-the-secret-not-the-secret', {
      sub: 'x',
      org: 'LA937',
      roles: ['ehc_coordinator'],
    });
    const expired = await new SignJWT({ sub: 'x', org: 'LA937', roles: ['ehc_coordinator'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    for (const token of [forged, expired, 'not-a-jwt']) {
      const res = await postGraphQL(hub.gateway.url, Q, undefined, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('401 for a token with unknown roles', async () => {
    const token = await signUserToken(DEV_JWT_SECRET, { sub: 'x', org: 'LA937', roles: ['admin'] });
    const res = await postGraphQL(hub.gateway.url, Q, undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('a subgraph refuses requests that do not come through the gateway, _service and _entities too', async () => {
    const userToken = await signUserToken(DEV_JWT_SECRET, { sub: 'x', org: 'LA937', roles: ['ehc_coordinator'] });
    for (const s of Object.values(hub.subgraphs)) {
      for (const q of [
        '{ _service { sdl } }',
        '{ _entities(representations: [{ __typename: "Child", id: "00000000-0000-4000-8000-000000000001" }]) { __typename } }',
      ]) {
        for (const headers of [{}, { authorization: `Bearer ${userToken}` }, { 'x-hub-identity': userToken }] as Record<string, string>[]) {
          const res = await postGraphQL(s.url, q, undefined, headers);
          expect(res.status).toBe(401);
          expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
          expect(res.body.data).toBeUndefined();
        }
      }
    }
  });
});

describe('operations', () => {
  it('/live and /health answer 200 with each subgraph up', async () => {
    const base = hub.gateway.url.replace('/graphql', '');
    expect((await fetch(`${base}/live`)).status).toBe(200);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'up',
      subgraphs: { governance: 'up', education: 'up', health: 'up', 'social-care': 'up', family: 'up', commissioning: 'up' },
    });
  });
});

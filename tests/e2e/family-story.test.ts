// "Tell your story once": the family writes plan section A in their own words, once; each version is
// kept; every professional the family's consent allows (FAMILY) reads the current one; nobody else
// does, and no professional can edit it.
import { DEMO_CHILDREN, type DemoUser } from '@hub/seed';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'story' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const WRITE = 'mutation($i: FamilyStoryInput!, $k: String) { writeFamilyStory(input: $i, idempotencyKey: $k) { version writtenAs views } }';
const READ = 'query($id: ID!) { child(id: $id) { familyStory { version writtenAs views aspirations } } }';

describe('my story (plan section A)', () => {
  it('the parent writes it once, then a new version; both are kept, newest first', async () => {
    const first = await hub.query('parent', WRITE, {
      i: { childId: child(1).id, views: 'Ava loves trains and quiet rooms', aspirations: 'To go to the same school as her cousin' },
      k: 'story-key-0001',
    });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.writeFamilyStory).toEqual({ version: 1, writtenAs: 'PARENT', views: 'Ava loves trains and quiet rooms' });
    const retry = await hub.query('parent', WRITE, {
      i: { childId: child(1).id, views: 'Ava loves trains and quiet rooms', aspirations: 'To go to the same school as her cousin' },
      k: 'story-key-0001',
    });
    expect(retry.body.data.writeFamilyStory.version).toBe(1);
    const second = await hub.query('parent', WRITE, { i: { childId: child(1).id, views: 'Ava loves trains, quiet rooms and drawing' } });
    expect(second.body.data.writeFamilyStory.version).toBe(2);
    const versions = await hub.query('parent', 'query($id: ID!) { familyStoryVersions(childId: $id) { version views } }', {
      id: child(1).id,
    });
    expect(versions.body.data.familyStoryVersions.map((v: any) => v.version)).toEqual([2, 1]);
  });

  it('the coordinator and the paediatrician read the current version where the family consents to FAMILY, so nobody asks again', async () => {
    for (const user of ['coordinator', 'paediatrician']) {
      const res = await hub.query(user, READ, { id: child(1).id });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.child.familyStory).toEqual({
        version: 2,
        writtenAs: 'PARENT',
        views: 'Ava loves trains, quiet rooms and drawing',
        aspirations: null,
      });
    }
  });

  it('no professional can edit it, and nobody else reads it', async () => {
    expect(errorCodes(await hub.query('coordinator', WRITE, { i: { childId: child(1).id, views: 'changed by a professional' } }))).toEqual([
      ['FORBIDDEN', 'ROLE'],
    ]);
    expect(errorCodes(await hub.query('therapist', READ, { id: child(1).id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    const stranger: DemoUser = { sub: 'u-family-stranger', name: 'x', org: 'FAMILY', roles: ['parent_carer'] };
    expect(errorCodes(await hub.query(stranger, WRITE, { i: { childId: child(1).id, views: 'not my child' } }))).toEqual([
      ['FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
    expect(errorCodes(await hub.query('commissioner', READ, { id: child(1).id }))).toEqual([['FORBIDDEN', 'ROLE']]);
    expect((await sql(hub.databases.family, 'SELECT count(*)::int AS n FROM family_story'))[0].n).toBe(2);
  });

  it('a professional who works with the child but has no FAMILY consent sees it withheld (NO_CONSENT)', async () => {
    // Child 6's consent was withdrawn; link a parent, who writes; the coordinator then reads.
    const c6 = child(6);
    expect(c6.education).toBeTruthy();
    const parent6: DemoUser = { sub: 'u-family-parent-6', name: 'x', org: 'FAMILY', roles: ['parent_carer'] };
    const link = await hub.query('coordinator', 'mutation($i: FamilyLinkInput!) { linkFamilyMember(input: $i) { id } }', {
      i: { childId: c6.id, userSub: parent6.sub, relation: 'PARENT' },
    });
    expect(link.body.errors).toBeUndefined();
    expect((await hub.query(parent6, WRITE, { i: { childId: c6.id, views: 'Finn likes football' } })).body.errors).toBeUndefined();
    const res = await hub.query('coordinator', READ, { id: c6.id });
    expect(res.body.data.child.familyStory).toBeNull();
    expect(errorCodes(res)).toEqual([['FORBIDDEN', 'NO_CONSENT']]);
  });

  it('bad input names the field and writes nothing; every look and write is in the family service’s audit chain', async () => {
    const before = (await sql(hub.databases.family, 'SELECT count(*)::int AS n FROM family_story'))[0].n;
    expect(errorCodes(await hub.query('parent', WRITE, { i: { childId: child(1).id, views: 'x'.repeat(5001) } }))).toEqual([
      ['BAD_USER_INPUT', 'input.views'],
    ]);
    expect(errorCodes(await hub.query('parent', WRITE, { i: { childId: child(1).id, views: '   ' } }))).toEqual([
      ['BAD_USER_INPUT', 'input'],
    ]);
    expect((await sql(hub.databases.family, 'SELECT count(*)::int AS n FROM family_story'))[0].n).toBe(before);
    const entries = (await sql(hub.databases.family, 'SELECT entries FROM audit_event')).flatMap((r) => r.entries);
    expect(entries).toContainEqual(expect.objectContaining({ childId: child(1).id, category: 'FAMILY', decision: 'PERMIT' }));
    expect(entries).toContainEqual(
      expect.objectContaining({ childId: child(6).id, category: 'FAMILY', decision: 'DENY', reason: 'NO_CONSENT' }),
    );
  });
});

// An agency's "not to be disclosed to the family" marking (beyond child protection), and the reason
// of a break glass in who looked once a privacy officer has reviewed it. Real PostgreSQL, through the gateway.
import { DEMO_CHILDREN } from '@hub/seed';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'family_withholding' });
});
afterAll(() => hub?.stop());

const child1 = DEMO_CHILDREN[0].id;
const MARK =
  'mutation($c: ID!, $cat: DataCategory!, $r: String!, $k: String) { withholdFromFamily(input: { childId: $c, category: $cat, reason: $r }, idempotencyKey: $k) { id childId agency category markedOrg endedAt } }';
const END = 'mutation($id: ID!) { endFamilyWithholding(id: $id) { id endedAt } }';
const RECORD = 'query($id: ID!) { child(id: $id) { education { senStatus } health { diagnoses { code } } } }';
const WHO =
  'query($id: ID!) { whoLooked(childId: $id) { governance { shown refused } health { role shown refused breakGlass breakGlassId } emergencyAccesses { id organisation reviewed reason } } }';
const REASON = 'Disclosure would put the child at risk of serious harm';

describe('not to be disclosed to the family', () => {
  let markId: string;

  it('bad input names the field and writes nothing; only a professional who works with the child marks', async () => {
    const bad = async (vars: Record<string, unknown>) =>
      errorCodes(await hub.query('paediatrician', MARK, { c: child1, cat: 'HEALTH', r: REASON, ...vars }));
    expect(await bad({ cat: 'FAMILY' })).toEqual([['BAD_USER_INPUT', 'input.category']]);
    expect(await bad({ cat: 'SAFEGUARDING' })).toEqual([['BAD_USER_INPUT', 'input.category']]);
    expect(await bad({ r: 'too short' })).toEqual([['BAD_USER_INPUT', 'input.reason']]);
    expect(await bad({ c: 'not-a-child' })).toEqual([['BAD_USER_INPUT', 'input.childId']]);
    expect(errorCodes(await hub.query('therapist', MARK, { c: child1, cat: 'HEALTH', r: REASON }))).toEqual([
      ['FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
    expect(errorCodes(await hub.query('parent', MARK, { c: child1, cat: 'HEALTH', r: REASON }))).toEqual([['FORBIDDEN', 'ROLE']]);
    expect(await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM family_withholding')).toEqual([{ n: 0 }]);
  });

  it('the family sees the category before; after the marking the record refuses it (as child protection is) and who looked omits it; a retry is applied once', async () => {
    const before = await hub.query('parent', RECORD, { id: child1 });
    expect(before.body.data.child.health).not.toBeNull();
    // A professional's read of health, which the family would see in who looked before the marking.
    await hub.query('paediatrician', RECORD, { id: child1 });
    const shownBefore = (await hub.query('parent', WHO, { id: child1 })).body.data.whoLooked.health;
    expect(shownBefore.some((l: any) => l.shown.includes('health information'))).toBe(true);

    const first = await hub.query('paediatrician', MARK, { c: child1, cat: 'HEALTH', r: REASON, k: 'withhold-key-0001' });
    expect(first.body.errors).toBeUndefined();
    const again = await hub.query('paediatrician', MARK, { c: child1, cat: 'HEALTH', r: REASON, k: 'withhold-key-0001' });
    expect(again.body.data.withholdFromFamily).toEqual(first.body.data.withholdFromFamily);
    expect(first.body.data.withholdFromFamily).toMatchObject({ agency: 'HEALTH', category: 'HEALTH', markedOrg: 'RX1', endedAt: null });
    markId = first.body.data.withholdFromFamily.id;
    expect(await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM family_withholding')).toEqual([{ n: 1 }]);

    const after = await hub.query('parent', RECORD, { id: child1 });
    expect(after.body.data.child.education).not.toBeNull();
    expect(after.body.data.child.health).toBeNull();
    expect(errorCodes(after)).toEqual([['FORBIDDEN', 'ROLE']]);
    // Professionals are not affected: the marking closes the family's view only.
    expect((await hub.query('paediatrician', RECORD, { id: child1 })).body.data.child.health).not.toBeNull();

    const who = await hub.query('parent', WHO, { id: child1 });
    expect(who.body.errors).toBeUndefined();
    for (const l of who.body.data.whoLooked.health) {
      expect(l.shown).not.toContain('health information');
      expect(l.refused).not.toContain('health information');
    }
    // The reason stays with the agency, and governance's record of the marking is not listed either.
    expect(JSON.stringify(who.body)).not.toMatch(/serious harm|FAMILY_WITHHOLDING|withh/i);
  });

  it('the marking and its end are in governance’s audit chain; another agency cannot end it; its own agency can, and the family sees again', async () => {
    const audit = await sql(
      hub.databases.governance,
      "SELECT entries::text AS e FROM audit_event WHERE entries::text LIKE '%FAMILY_WITHHOLDING%'",
    );
    expect(audit.some((r) => r.e.includes('CREATE') && r.e.includes(markId))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('serious harm');
    expect(errorCodes(await hub.query('coordinator', END, { id: markId }))).toEqual([['BAD_USER_INPUT', 'id']]);
    const listed = await hub.query('paediatrician', 'query($c: ID!) { familyWithholdings(childId: $c) { id reason } }', { c: child1 });
    expect(listed.body.data.familyWithholdings).toEqual([{ id: markId, reason: REASON }]);
    expect(errorCodes(await hub.query('parent', 'query($c: ID!) { familyWithholdings(childId: $c) { id } }', { c: child1 }))).toEqual([
      ['FORBIDDEN', 'ROLE'],
    ]);
    const ended = await hub.query('paediatrician', END, { id: markId });
    expect(ended.body.data.endFamilyWithholding.endedAt).not.toBeNull();
    expect((await hub.query('parent', RECORD, { id: child1 })).body.data.child.health).not.toBeNull();
    expect(errorCodes(await hub.query('paediatrician', END, { id: markId }))).toEqual([['BAD_USER_INPUT', 'id']]);
  });
});

describe('break glass in who looked', () => {
  it('flagged at once; its stated reason shown only once a privacy officer has reviewed it, and never when withheld from the family', async () => {
    const glass = async (reason: string) =>
      (
        await hub.query('therapist', 'mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r, minutes: 5) { id } }', {
          c: child1,
          r: reason,
        })
      ).body.data.breakGlass.id as string;
    const shown = await glass('Urgent review of swallowing safety before surgery');
    await hub.query('therapist', RECORD, { id: child1 });
    const before = (await hub.query('parent', WHO, { id: child1 })).body.data.whoLooked;
    expect(before.emergencyAccesses).toEqual([{ id: shown, organisation: 'RX1', reviewed: false, reason: null }]);
    expect(before.health.some((l: any) => l.breakGlass && l.breakGlassId === shown)).toBe(true);

    const review =
      'mutation($id: ID!, $w: Boolean) { reviewBreakGlass(id: $id, outcome: "Justified", reasonWithheldFromFamily: $w) { reviewedAt } }';
    expect((await hub.query('privacy-officer', review, { id: shown })).body.errors).toBeUndefined();
    const withheld = await glass('A reason the privacy officer decides must not be told');
    expect((await hub.query('privacy-officer', review, { id: withheld, w: true })).body.errors).toBeUndefined();

    const after = (await hub.query('parent', WHO, { id: child1 })).body.data.whoLooked.emergencyAccesses;
    expect(after).toEqual([
      { id: withheld, organisation: 'RX1', reviewed: true, reason: null },
      { id: shown, organisation: 'RX1', reviewed: true, reason: 'Urgent review of swallowing safety before surgery' },
    ]);
    // Nobody but the linked family reads them.
    expect(errorCodes(await hub.query('therapist', WHO, { id: child1 }))[0][0]).toBe('FORBIDDEN');
  });
});

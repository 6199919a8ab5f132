// The family's side, first part: links and invitations, who decides (the 16+ handover), what a
// family member sees of their own child and never of another, and consent given by the family.
import { DEMO_CHILDREN, DEMO_USERS, type DemoUser } from '@hub/seed';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'family' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const VIEW = `query($id: ID!) { child(id: $id) { id education { senStatus } health { nhsNumber } socialCare { laChildId cpPlans { category } } } }`;
const familyMember = (n: number, role: 'parent_carer' | 'young_person'): DemoUser => ({
  sub: `u-family-${role}-${n}`,
  name: 'Test family member',
  org: 'FAMILY',
  roles: [role],
});
const INVITE = 'mutation($c: ID!, $r: FamilyRelation!) { inviteFamilyMember(input: { childId: $c, relation: $r }) { id code expiresAt } }';
const REDEEM = 'mutation($code: String!) { redeemInvitation(code: $code) { childId relation createdAs } }';

describe('invitations', () => {
  it('a professional who works with the child invites; the right family member redeems it once, and is linked', async () => {
    const invite = await hub.query('coordinator', INVITE, { c: child(8).id, r: 'PARENT' });
    expect(invite.body.errors).toBeUndefined();
    const { code, expiresAt } = invite.body.data.inviteFamilyMember;
    expect(code).toMatch(/^[A-Z2-7]{32}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    // Only the hash is stored.
    expect(JSON.stringify(await sql(hub.databases.governance, 'SELECT * FROM family_invitation'))).not.toContain(code);

    const parent = familyMember(1, 'parent_carer');
    const ok = await hub.query(parent, REDEEM, { code: code.toLowerCase().replace(/(.{4})/g, '$1-') });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.redeemInvitation).toEqual({ childId: child(8).id, relation: 'PARENT', createdAs: 'INVITATION' });
    const again = await hub.query(familyMember(2, 'parent_carer'), REDEEM, { code });
    expect(errorCodes(again)).toEqual([['BAD_USER_INPUT', 'code']]);
    const mine = await hub.query(parent, '{ myChildren { id } }');
    expect(mine.body.data.myChildren).toEqual([{ id: child(8).id }]);
  });

  it('a professional without a relationship cannot invite; a family member cannot invite', async () => {
    expect(errorCodes(await hub.query('therapist', INVITE, { c: child(1).id, r: 'PARENT' }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(errorCodes(await hub.query('parent', INVITE, { c: child(1).id, r: 'PARENT' }))).toEqual([['FORBIDDEN', 'ROLE']]);
  });

  it('unknown, guessed, expired, used and wrong-relation codes fail alike; a real code tried wrongly is revoked; failures are rate-limited per user', async () => {
    const fresh = async (r: string) =>
      (await hub.query('coordinator', INVITE, { c: child(3).id, r })).body.data.inviteFamilyMember.code as string;
    const expired = await fresh('PARENT');
    await sql(
      hub.databases.governance,
      "UPDATE family_invitation SET expires_at = now() - interval '1 minute' WHERE created_at > now() - interval '1 minute' AND relation = 'PARENT' AND redeemed_at IS NULL",
    );
    const forYoungPerson = await fresh('YOUNG_PERSON');

    const guesser = familyMember(3, 'parent_carer');
    const failures = [
      await hub.query(guesser, REDEEM, { code: 'A'.repeat(32) }),
      await hub.query(guesser, REDEEM, { code: 'not even a code' }),
      await hub.query(guesser, REDEEM, { code: expired }),
      await hub.query(guesser, REDEEM, { code: forYoungPerson }),
    ];
    for (const f of failures) expect(f.body).toEqual(failures[0].body);
    expect(errorCodes(failures[0])).toEqual([['BAD_USER_INPUT', 'code']]);

    // A fifth failure, then even a good code waits an hour for this user.
    await hub.query(guesser, REDEEM, { code: 'B'.repeat(32) });
    const good = await fresh('PARENT');
    const limited = await hub.query(guesser, REDEEM, { code: good });
    expect(limited.body.errors![0].message).toMatch(/too often/);
    // Another user may still redeem it.
    expect((await hub.query(familyMember(4, 'parent_carer'), REDEEM, { code: good })).body.errors).toBeUndefined();

    // The code for a young person, tried by parents three times, is revoked.
    for (const n of [5, 6]) await hub.query(familyMember(n, 'parent_carer'), REDEEM, { code: forYoungPerson });
    expect(errorCodes(await hub.query(familyMember(7, 'young_person'), REDEEM, { code: forYoungPerson }))).toEqual([
      ['BAD_USER_INPUT', 'code'],
    ]);
    expect(
      await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM family_link WHERE user_sub = $1', [
        familyMember(7, 'young_person').sub,
      ]),
    ).toEqual([{ n: 0 }]);
  });
});

describe('what a family member sees', () => {
  const cp = DEMO_CHILDREN.findIndex((c) => (c.socialCare?.cp.length ?? 0) > 0) + 1;

  it('their own linked child, never another (the same answer whether or not it exists)', async () => {
    const own = await hub.query('parent', VIEW, { id: child(1).id });
    expect(own.body.data.child.education.senStatus).toBe(child(1).education!.senStatus);
    expect(own.body.data.child.health.nhsNumber).toBe(child(1).nhsNumber);
    const other = await hub.query('parent', VIEW, { id: child(2).id });
    const unknown = await hub.query('parent', VIEW, { id: '00000000-0000-4000-8000-999999999999' });
    expect(errorCodes(other)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(unknown.body).toEqual(other.body);
    expect(
      errorCodes(await hub.query('parent', 'query($n: String!) { childByNhsNumber(nhsNumber: $n) { id } }', { n: child(2).nhsNumber })),
    ).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
  });

  it('never child protection information (closed to the family by default)', async () => {
    expect(cp).toBeGreaterThan(0);
    const invite = await hub.query('social-worker', INVITE, { c: child(cp).id, r: 'PARENT' });
    const parent = familyMember(20, 'parent_carer');
    expect((await hub.query(parent, REDEEM, { code: invite.body.data.inviteFamilyMember.code })).body.errors).toBeUndefined();
    const res = await hub.query(parent, `query($id: ID!) { child(id: $id) { socialCare { laChildId cpPlans { category } } } }`, {
      id: child(cp).id,
    });
    expect(res.body.data.child.socialCare.laChildId).toBe(child(cp).socialCare!.laChildId);
    expect(res.body.data.child.socialCare.cpPlans).toBeNull();
    expect(errorCodes(res)).toEqual([['FORBIDDEN', 'ROLE']]);
  });
});

describe('who decides: the 16+ handover', () => {
  const consent = (user: string | DemoUser, id: string, decider: string, extra: Record<string, unknown> = {}) =>
    hub.query(user, 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id decider method } }', {
      i: { childId: id, decider, provisions: [{ effect: 'PERMIT', categories: ['EDUCATION'] }], ...extra },
    });

  it('before the end of compulsory school age the parent decides and the young person does not', async () => {
    const parent = await consent('parent', child(1).id, 'PARENT');
    expect(parent.body.errors).toBeUndefined();
    expect(parent.body.data.recordConsent).toMatchObject({ decider: 'PARENT', method: 'PORTAL' });
    const ypOfChild1 = familyMember(30, 'young_person');
    const invite = await hub.query('coordinator', INVITE, { c: child(1).id, r: 'YOUNG_PERSON' });
    await hub.query(ypOfChild1, REDEEM, { code: invite.body.data.inviteFamilyMember.code });
    expect(errorCodes(await consent(ypOfChild1, child(1).id, 'YOUNG_PERSON'))).toEqual([['FORBIDDEN', 'ROLE']]);
    // Nor may a parent claim to decide as someone else.
    expect(errorCodes(await consent('parent', child(1).id, 'YOUNG_PERSON'))).toEqual([['BAD_USER_INPUT', 'input.decider']]);
  });

  it('after it the young person decides and sees their record; the parent sees only what the young person consents to', async () => {
    const parentOf12 = familyMember(40, 'parent_carer');
    await hub.query('paediatrician', 'mutation($i: FamilyLinkInput!) { linkFamilyMember(input: $i) { id } }', {
      i: { childId: child(12).id, userSub: parentOf12.sub, relation: 'PARENT' },
    });
    const own = await hub.query('young-person', `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(12).id });
    expect(own.body.data.child.health.nhsNumber).toBe(child(12).nhsNumber);
    const before = await hub.query(parentOf12, `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(12).id });
    expect(errorCodes(before)).toEqual([['FORBIDDEN', 'NO_CONSENT']]);
    expect(errorCodes(await consent(parentOf12, child(12).id, 'PARENT'))).toEqual([['FORBIDDEN', 'ROLE']]);

    const yp = await hub.query('young-person', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
      i: {
        childId: child(12).id,
        decider: 'YOUNG_PERSON',
        provisions: [{ effect: 'PERMIT', categories: ['IDENTITY', 'HEALTH'], orgs: ['FAMILY'] }],
      },
    });
    expect(yp.body.errors).toBeUndefined();
    const after = await hub.query(parentOf12, `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(12).id });
    expect(after.body.data.child.health.nhsNumber).toBe(child(12).nhsNumber);

    const w = await hub.query('young-person', 'mutation($id: ID!) { withdrawConsent(id: $id) { withdrawnAt } }', {
      id: yp.body.data.recordConsent.id,
    });
    expect(w.body.errors).toBeUndefined();
    expect(
      errorCodes(await hub.query(parentOf12, `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(12).id })),
    ).toEqual([['FORBIDDEN', 'NO_CONSENT']]);
  });

  it('a consent the family withdraws stops counting for professionals on the very next request', async () => {
    // Child 1's consent permits everything; the parent withdraws it and the social worker's view of education closes.
    const before = await hub.query('social-worker', `query($id: ID!) { child(id: $id) { education { senStatus } } }`, { id: child(1).id });
    expect(before.body.errors).toBeUndefined();
    const list = await hub.query('parent', 'query($id: ID!) { consents(childId: $id) { id withdrawnAt } }', { id: child(1).id });
    for (const c of list.body.data.consents.filter((x: any) => !x.withdrawnAt)) {
      expect(
        (await hub.query('parent', 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', { id: c.id })).body.errors,
      ).toBeUndefined();
    }
    const after = await hub.query('social-worker', `query($id: ID!) { child(id: $id) { education { senStatus } } }`, { id: child(1).id });
    expect(errorCodes(after)).toEqual([['FORBIDDEN', 'NO_CONSENT']]);
    const audit = (
      await sql(hub.databases.governance, 'SELECT entries FROM audit_event WHERE actor_sub = $1', [DEMO_USERS.parent.sub])
    ).flatMap((r) => r.entries);
    expect(audit.filter((e: any) => e.category === 'CONSENT' && e.action === 'WITHDRAW').length).toBeGreaterThan(0);
  });
});

describe('who looked', () => {
  const WHO =
    'query($id: ID!) { whoLooked(childId: $id) { childId governance { role } education { at service organisation role purpose shown refused breakGlass } health { service role shown } socialCare { role } family { role } } }';

  it('the family sees, newest first and in plain English, who read what from every service; never child protection entries', async () => {
    await hub.query('paediatrician', `query($id: ID!) { child(id: $id) { education { senStatus } health { nhsNumber } } }`, {
      id: child(1).id,
    });
    const res = await hub.query('parent', WHO, { id: child(1).id });
    expect(res.body.errors).toBeUndefined();
    const w = res.body.data.whoLooked;
    // The family withdrew consent above, so the paediatrician's latest read of education was refused.
    expect(w.education[0]).toMatchObject({
      service: 'education',
      organisation: 'RX1',
      role: 'health professional',
      purpose: 'care and support',
      refused: expect.arrayContaining(['education information']),
      breakGlass: false,
    });
    expect(Date.parse(w.education[0].at)).toBeGreaterThanOrEqual(Date.parse(w.education[w.education.length - 1].at));
    expect(w.health.some((l: any) => l.role === 'health professional' && l.shown.includes('health information'))).toBe(true);
    for (const part of ['governance', 'education', 'health', 'socialCare', 'family']) expect(Array.isArray(w[part])).toBe(true);
    expect(JSON.stringify(w)).not.toMatch(/SAFEGUARDING|child protection|u-health-1/);
  });

  it('nobody else: another family, a professional, or an unknown child get the same refusal', async () => {
    const other = await hub.query(familyMember(90, 'parent_carer'), WHO, { id: child(1).id });
    const unknown = await hub.query(familyMember(90, 'parent_carer'), WHO, { id: '00000000-0000-4000-8000-999999999999' });
    expect(errorCodes(other)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(unknown.body).toEqual(other.body);
    expect(errorCodes(await hub.query('coordinator', WHO, { id: child(1).id }))).toEqual([['FORBIDDEN', 'ROLE']]);
  });
});

// Need-to-know that holds against a hostile insider: where relationships come from, who may record
// consent, no membership oracle, tokens bound to an organisation and a sane lifetime, governance
// audited in its own chain, and service database roles that cannot touch audit records.
import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { sealAudit } from '@hub/guard/audit/seal';
import { verifyChain } from '@hub/guard/audit/verify';
import { DEMO_CHILDREN, DEMO_USERS, type DemoUser } from '@hub/seed';
import { upnCheckLetter } from '@hub/schema';
import { postGraphQL, errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'ntk' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const EDU = `query($id: ID!) { child(id: $id) { id education { senStatus } } }`;
const SOCIAL = `query($id: ID!) { child(id: $id) { id socialCare { laChildId } } }`;
const UNKNOWN_ID = '00000000-0000-4000-8000-999999999999';
// Valid by their check digit / letter, and on no demo child.
const UNKNOWN_NHS = '9434765919';
const UNKNOWN_UPN = upnCheckLetter('937200116001') + '937200116001';
const governanceEntries = async () =>
  (await sql(hub.databases.governance, 'SELECT entries FROM audit_event ORDER BY id')).flatMap((r) => r.entries);

describe('where relationships come from', () => {
  // Child 8 is known only to education; the social worker has no relationship with it.
  const target = () => child(8);

  it('a professional cannot allocate anyone, themselves included, nor record or withdraw consent without a relationship', async () => {
    const before = await sql(
      hub.databases.governance,
      'SELECT (SELECT count(*) FROM relationship) AS r, (SELECT count(*) FROM consent) AS c, (SELECT count(*) FROM consent_withdrawal) AS w',
    );
    const allocate = await hub.query('social-worker', 'mutation($i: AllocationInput!) { allocate(input: $i) { id } }', {
      i: { childId: target().id, userSub: DEMO_USERS['social-worker'].sub, startDate: '2026-01-01' },
    });
    expect(errorCodes(allocate)).toEqual([['FORBIDDEN', 'ROLE']]);
    const consent = await hub.query('social-worker', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
      i: {
        childId: target().id,
        decider: 'PARENT',
        method: 'VERBAL',
        provisions: [{ effect: 'PERMIT', categories: ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'] }],
      },
    });
    expect(errorCodes(consent)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    const [{ id: someoneElses }] = await sql(hub.databases.governance, 'SELECT id FROM consent WHERE child_id = $1', [child(1).id]);
    // The therapist works with no demo child: withdrawing child 1's consent, or an id that does not exist, reads the same.
    const withdraw = await hub.query('therapist', 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', { id: someoneElses });
    const withdrawUnknown = await hub.query('therapist', 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', { id: UNKNOWN_ID });
    expect(errorCodes(withdraw)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(withdrawUnknown.body).toEqual(withdraw.body);
    expect(
      await sql(
        hub.databases.governance,
        'SELECT (SELECT count(*) FROM relationship) AS r, (SELECT count(*) FROM consent) AS c, (SELECT count(*) FROM consent_withdrawal) AS w',
      ),
    ).toEqual(before);
    const view = await hub.query('social-worker', SOCIAL, { id: target().id });
    expect(errorCodes(view)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
  });

  it('a team manager allocates within their own agency and organisation, once per key; the allocation and its end are audited', async () => {
    const manager: DemoUser = { ...DEMO_USERS['team-manager'], agency: 'SOCIAL_CARE' };
    const input = { childId: target().id, userSub: DEMO_USERS['social-worker'].sub, startDate: '2026-01-01' };
    const first = await hub.query(
      manager,
      'mutation($i: AllocationInput!, $k: String) { allocate(input: $i, idempotencyKey: $k) { id kind agency org userSub createdAs } }',
      { i: input, k: 'alloc-key-0001' },
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.allocate).toMatchObject({
      kind: 'ALLOCATION',
      agency: 'SOCIAL_CARE',
      org: 'LA937',
      userSub: DEMO_USERS['social-worker'].sub,
      createdAs: 'TEAM_MANAGER',
    });
    const retry = await hub.query(
      manager,
      'mutation($i: AllocationInput!, $k: String) { allocate(input: $i, idempotencyKey: $k) { id } }',
      { i: input, k: 'alloc-key-0001' },
    );
    expect(retry.body.data.allocate.id).toBe(first.body.data.allocate.id);
    expect(await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM relationship WHERE created_by = $1', [manager.sub])).toEqual(
      [{ n: 1 }],
    );

    const view = await hub.query('social-worker', SOCIAL, { id: target().id });
    expect(view.body.data.child).toEqual({ id: target().id, socialCare: null }); // social care does not know child 8
    expect(view.body.errors).toBeUndefined();

    // Another agency's manager may not end it; the manager who made it may.
    const other = await hub.query('health-team-manager', 'mutation($id: ID!) { endRelationship(id: $id) { id } }', {
      id: first.body.data.allocate.id,
    });
    expect(errorCodes(other)).toEqual([['FORBIDDEN', 'ROLE']]);
    const end = await hub.query(manager, 'mutation($id: ID!) { endRelationship(id: $id) { id endDate } }', {
      id: first.body.data.allocate.id,
    });
    expect(end.body.errors).toBeUndefined();
    expect(errorCodes(await hub.query('social-worker', SOCIAL, { id: target().id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);

    const entries = await governanceEntries();
    const id = first.body.data.allocate.id;
    expect(
      entries
        .filter((e: any) => e.recordId === id)
        .map((e: any) => e.action)
        .sort(),
    ).toEqual(['CREATE', 'END']);
  });

  it('a source system moves or removes the end of its own relationships only, never a past or ended one; each move audited', async () => {
    const far = `${new Date().getUTCFullYear() + 2}-06-30`;
    const made = await hub.query('sc-feed', 'mutation($i: [AllocationBatchInput!]!) { allocateMany(inputs: $i) { id createdAs } }', {
      i: [{ childId: target().id, userSub: 'u-sw-redate', startDate: '2026-01-01', endDate: far, idempotencyKey: 'redate-0001' }],
    });
    expect(made.body.errors).toBeUndefined();
    const id = made.body.data.allocateMany[0].id;
    const REDATE = 'mutation($id: ID!, $end: String) { redateRelationship(id: $id, endDate: $end) { id endDate } }';
    // Not a source system, or another agency's: refused.
    const manager: DemoUser = { ...DEMO_USERS['team-manager'], agency: 'SOCIAL_CARE' };
    expect(errorCodes(await hub.query(manager, REDATE, { id, end: null }))).toEqual([['FORBIDDEN', 'ROLE']]);
    expect(errorCodes(await hub.query('health-feed', REDATE, { id, end: null }))).toEqual([['FORBIDDEN', 'ROLE']]);
    expect(errorCodes(await hub.query('sc-feed', REDATE, { id, end: '2020-01-01' }))).toEqual([['BAD_USER_INPUT', 'endDate']]);
    // Removed, then given again: the same relationship.
    const open = await hub.query('sc-feed', REDATE, { id, end: null });
    expect(open.body.data.redateRelationship).toEqual({ id, endDate: null });
    const later = `${new Date().getUTCFullYear() + 3}-06-30`;
    expect((await hub.query('sc-feed', REDATE, { id, end: later })).body.data.redateRelationship).toEqual({ id, endDate: later });
    // Once ended it stays ended: the source allocates again instead.
    expect((await hub.query('sc-feed', 'mutation($id: ID!) { endRelationship(id: $id) { id } }', { id })).body.errors).toBeUndefined();
    expect(errorCodes(await hub.query('sc-feed', REDATE, { id, end: null }))).toEqual([['BAD_USER_INPUT', 'id']]);
    const actions = (await governanceEntries()).filter((e: any) => e.recordId === id).map((e: any) => e.action);
    expect(actions).toEqual(['CREATE', 'AMEND', 'AMEND', 'END']);
  });

  it('an end can only be brought forward: a manager cannot stretch a self-claim past its 30 days, nor reopen an ended relationship', async () => {
    const claimed = await hub.query(
      'therapist',
      'mutation($c: ID!, $r: String!) { claimRelationship(childId: $c, reason: $r, days: 3) { id endDate } }',
      { c: child(2).id, r: 'Covering the clinic this week' },
    );
    expect(claimed.body.errors).toBeUndefined();
    const { id, endDate } = claimed.body.data.claimRelationship;
    const manager: DemoUser = { ...DEMO_USERS['health-team-manager'] };
    const END = 'mutation($id: ID!, $end: String) { endRelationship(id: $id, endDate: $end) { id endDate } }';
    const stretched = await hub.query(manager, END, { id, end: '2099-12-31' });
    expect(errorCodes(stretched)).toEqual([['BAD_USER_INPUT', 'endDate']]);
    expect(stretched.body.errors?.[0]?.message).toMatch(/brought forward/);
    // Ended at once, it cannot be given a later end again (that would reopen it).
    expect((await hub.query(manager, END, { id })).body.errors).toBeUndefined();
    expect(errorCodes(await hub.query(manager, END, { id, end: endDate }))).toEqual([['BAD_USER_INPUT', 'endDate']]);
    // Ending it "at once" again is a no-op, not an error.
    const again = await hub.query(manager, END, { id });
    expect(again.body.errors).toBeUndefined();
    const [row] = await sql(hub.databases.governance, 'SELECT end_date < current_date AS ended FROM relationship WHERE public_id = $1', [
      id,
    ]);
    expect(row).toEqual({ ended: true });
  });

  it('nobody allocates themselves or reviews their own self-claim or break glass, whatever roles their token holds', async () => {
    // A manager who also carries cases, and a privacy officer who is also a practitioner.
    const managerWorker: DemoUser = { ...DEMO_USERS['team-manager'], agency: 'SOCIAL_CARE', roles: ['team_manager', 'social_worker'] };
    const own = await hub.query(managerWorker, 'mutation($i: AllocationInput!) { allocate(input: $i) { id } }', {
      i: { childId: target().id, userSub: managerWorker.sub, startDate: '2026-01-01' },
    });
    expect(errorCodes(own)).toEqual([['FORBIDDEN', 'ROLE']]);
    const ownMany = await hub.query(managerWorker, 'mutation($i: [AllocationBatchInput!]!) { allocateMany(inputs: $i) { id } }', {
      i: [{ childId: target().id, userSub: managerWorker.sub, startDate: '2026-01-01', idempotencyKey: 'self-alloc-01' }],
    });
    expect(errorCodes(ownMany)).toEqual([['FORBIDDEN', 'ROLE']]);
    expect(
      await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM relationship WHERE user_sub = $1', [managerWorker.sub]),
    ).toEqual([{ n: 0 }]);

    const officerPractitioner: DemoUser = {
      ...DEMO_USERS['privacy-officer'],
      roles: ['privacy_officer', 'health_practitioner'],
      agency: 'HEALTH',
    };
    const claim = await hub.query(
      officerPractitioner,
      'mutation($c: ID!, $r: String!) { claimRelationship(childId: $c, reason: $r, days: 2) { id } }',
      { c: target().id, r: 'Seeing the child in clinic tomorrow' },
    );
    expect(claim.body.errors).toBeUndefined();
    const review = await hub.query(
      officerPractitioner,
      'mutation($id: ID!) { reviewRelationshipClaim(id: $id, outcome: "fine by me") { id } }',
      {
        id: claim.body.data.claimRelationship.id,
      },
    );
    expect(errorCodes(review)).toEqual([['FORBIDDEN', 'ROLE']]);
    const glass = await hub.query(officerPractitioner, 'mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r) { id } }', {
      c: target().id,
      r: 'Child brought in unconscious, history needed',
    });
    expect(glass.body.errors).toBeUndefined();
    const glassReview = await hub.query(
      officerPractitioner,
      'mutation($id: ID!) { reviewBreakGlass(id: $id, outcome: "justified") { id } }',
      {
        id: glass.body.data.breakGlass.id,
      },
    );
    expect(errorCodes(glassReview)).toEqual([['FORBIDDEN', 'ROLE']]);
    // Another privacy officer may review both.
    const other: DemoUser = { ...DEMO_USERS['privacy-officer'], sub: 'u-po-2' };
    expect(
      (
        await hub.query(other, 'mutation($id: ID!) { reviewRelationshipClaim(id: $id, outcome: "checked") { id } }', {
          id: claim.body.data.claimRelationship.id,
        })
      ).body.errors,
    ).toBeUndefined();
    expect(
      (
        await hub.query(other, 'mutation($id: ID!) { reviewBreakGlass(id: $id, outcome: "justified") { id } }', {
          id: glass.body.data.breakGlass.id,
        })
      ).body.errors,
    ).toBeUndefined();
  });

  it('a self-claim lets a professional see, never speak for the family: recording or withdrawing consent, bringing in a family member or withholding from them, on it is refused', async () => {
    const claim = await hub.query(
      'therapist',
      'mutation($c: ID!, $r: String!) { claimRelationship(childId: $c, reason: $r, days: 1) { id } }',
      { c: child(3).id, r: 'Assessing in clinic this afternoon' },
    );
    expect(claim.body.errors).toBeUndefined();
    const before = await sql(
      hub.databases.governance,
      'SELECT (SELECT count(*) FROM consent) AS c, (SELECT count(*) FROM consent_withdrawal) AS w',
    );
    const recorded = await hub.query('therapist', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
      i: {
        childId: child(3).id,
        decider: 'PARENT',
        method: 'VERBAL',
        provisions: [{ effect: 'PERMIT', categories: ['HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE'] }],
      },
    });
    expect(errorCodes(recorded)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    const [{ id: familys }] = await sql(hub.databases.governance, 'SELECT id FROM consent WHERE child_id = $1 LIMIT 1', [child(3).id]);
    const withdrawn = await hub.query('therapist', 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', { id: familys });
    expect(errorCodes(withdrawn)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(
      await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM consent) AS c, (SELECT count(*) FROM consent_withdrawal) AS w'),
    ).toEqual(before);

    // Nor bring in a "family member" (who, as the child's decider, could then record consent).
    const families = () =>
      sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM family_link) AS l, (SELECT count(*) FROM family_invitation) AS i');
    const linksBefore = await families();
    const link = await hub.query('therapist', 'mutation($i: FamilyLinkInput!) { linkFamilyMember(input: $i) { id } }', {
      i: { childId: child(3).id, userSub: 'u-confederate-1', relation: 'PARENT' },
    });
    expect(errorCodes(link)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    const invite = await hub.query('therapist', 'mutation($i: FamilyInvitationInput!) { inviteFamilyMember(input: $i) { code } }', {
      i: { childId: child(3).id, relation: 'PARENT' },
    });
    expect(errorCodes(invite)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(await families()).toEqual(linksBefore);
    // Nor keep part of the record from the family.
    const withheld = await hub.query('therapist', 'mutation($i: FamilyWithholdingInput!) { withholdFromFamily(input: $i) { id } }', {
      i: { childId: child(3).id, category: 'HEALTH', reason: 'Disclosure would cause serious harm' },
    });
    expect(errorCodes(withheld)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(
      await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM family_withholding WHERE child_id = $1', [child(3).id]),
    ).toEqual([{ n: 0 }]);
  });

  it('a request for advice to a whole organisation lets everyone there see the child, not speak for the family', async () => {
    // Child 9: the therapist's trust is asked for advice; the therapist is not named.
    await sql(
      hub.databases.governance,
      "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ADVICE_REQUEST', 'HEALTH', 'RX1', NULL, '2026-01-01')",
      [child(9).id],
    );
    const seen = await hub.query('therapist', `query($id: ID!) { child(id: $id) { id } }`, { id: child(9).id });
    expect(seen.body.errors).toBeUndefined();
    const recorded = await hub.query('therapist', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
      i: { childId: child(9).id, decider: 'PARENT', method: 'VERBAL', provisions: [{ effect: 'PERMIT', categories: ['HEALTH'] }] },
    });
    expect(errorCodes(recorded)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    const invite = await hub.query('therapist', 'mutation($i: FamilyInvitationInput!) { inviteFamilyMember(input: $i) { code } }', {
      i: { childId: child(9).id, relation: 'PARENT' },
    });
    expect(errorCodes(invite)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
  });

  it('a self-claim needs a reason, lasts at most 30 days, gives access at once and is raised for review; ending it on review removes access', async () => {
    const claim = (reason: string, days: number) =>
      hub.query(
        'therapist',
        'mutation($c: ID!, $r: String!, $d: Int) { claimRelationship(childId: $c, reason: $r, days: $d) { id kind endDate reason } }',
        { c: child(1).id, r: reason, d: days },
      );
    expect(errorCodes(await claim('because', 7))).toEqual([['BAD_USER_INPUT', 'reason']]);
    expect(errorCodes(await claim('Referred to the SALT clinic today', 31))).toEqual([['BAD_USER_INPUT', 'days']]);
    const made = await claim('Referred to the SALT clinic today', 7);
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data.claimRelationship).toMatchObject({ kind: 'SELF_CLAIM', reason: 'Referred to the SALT clinic today' });
    const seen = await hub.query('therapist', `query($id: ID!) { child(id: $id) { id health { nhsNumber } } }`, { id: child(1).id });
    expect(seen.body.data.child.health.nhsNumber).toBe(child(1).nhsNumber);

    const pending = await hub.query('privacy-officer', '{ relationshipClaims { id childId userSub reason } }');
    expect(pending.body.data.relationshipClaims).toContainEqual({
      id: made.body.data.claimRelationship.id,
      childId: child(1).id,
      userSub: DEMO_USERS.therapist.sub,
      reason: 'Referred to the SALT clinic today',
    });
    const review = await hub.query(
      'privacy-officer',
      'mutation($id: ID!) { reviewRelationshipClaim(id: $id, outcome: "Not justified: no referral on record", endNow: true) { reviewedBy } }',
      { id: made.body.data.claimRelationship.id },
    );
    expect(review.body.data.reviewRelationshipClaim.reviewedBy).toBe(DEMO_USERS['privacy-officer'].sub);
    expect(errorCodes(await hub.query('therapist', EDU, { id: child(1).id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
  });

  it('break glass takes an idempotency key: a retry opens one grant', async () => {
    const q = () =>
      hub.query(
        'therapist',
        'mutation($c: ID!) { breakGlass(childId: $c, reason: "Disclosure of harm in clinic", minutes: 5, idempotencyKey: "glass-key-0001") { id } }',
        { c: child(3).id },
      );
    const a = await q();
    const b = await q();
    expect(a.body.errors).toBeUndefined();
    expect(b.body.data.breakGlass.id).toBe(a.body.data.breakGlass.id);
    expect(
      await sql(hub.databases.governance, "SELECT count(*)::int AS n FROM break_glass WHERE idempotency_key = 'glass-key-0001'"),
    ).toEqual([{ n: 1 }]);
  });
});

describe('a relationship belongs to a user acting for one organisation', () => {
  it('the paediatrician’s own user id under another trust’s org reads nothing', async () => {
    const elsewhere: DemoUser = { ...DEMO_USERS.paediatrician, org: 'RX2' };
    const own = await hub.query('paediatrician', `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(1).id });
    expect(own.body.data.child.health.nhsNumber).toBe(child(1).nhsNumber);
    const other = await hub.query(elsewhere, `query($id: ID!) { child(id: $id) { health { nhsNumber } } }`, { id: child(1).id });
    expect(errorCodes(other)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
  });
});

describe('user tokens', () => {
  const token = (iatOffset: number, lifetime: number) =>
    new SignJWT({ ...DEMO_USERS.coordinator })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) + iatOffset)
      .setExpirationTime(Math.floor(Date.now() / 1000) + iatOffset + lifetime)
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
  const ask = async (t: string) => postGraphQL(hub.gateway.url, EDU, { id: child(1).id }, { authorization: `Bearer ${t}` });

  it('refuses one issued an hour in the future, or valid for ten years (401); accepts a 12-hour one', async () => {
    expect((await ask(await token(3600, 600))).status).toBe(401);
    expect((await ask(await token(0, 10 * 365 * 86400))).status).toBe(401);
    expect((await ask(await token(30, 12 * 3600))).status).toBe(200);
  });

  it('refuses one without an expiry', async () => {
    const t = await new SignJWT({ ...DEMO_USERS.coordinator })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    expect((await ask(t)).status).toBe(401);
  });
});

describe('no membership oracle', () => {
  const known = child(1);
  const lookups = [
    { name: 'hub id', query: 'query($v: ID!) { child(id: $v) { id } }', known: known.id, unknown: UNKNOWN_ID },
    { name: 'caseload', query: 'query($v: ID!) { children(ids: [$v]) { id } }', known: known.id, unknown: UNKNOWN_ID },
    {
      name: 'NHS number',
      query: 'query($v: String!) { childByNhsNumber(nhsNumber: $v) { id } }',
      known: known.nhsNumber!,
      unknown: UNKNOWN_NHS,
    },
    { name: 'UPN', query: 'query($v: String!) { childByUpn(upn: $v) { id } }', known: known.upn!, unknown: UNKNOWN_UPN },
  ];
  const strangers: [string, string | DemoUser][] = [
    ['commissioner', 'commissioner'],
    ['team manager', 'team-manager'],
    ['professional without a relationship', 'therapist'],
    ['professional under another organisation', { ...DEMO_USERS.paediatrician, org: 'RX2' }],
  ];

  it.each(strangers)('%s: the same answer for a known and an unknown child, by every look-up', async (_, user) => {
    for (const l of lookups) {
      const a = await hub.query(user, l.query, { v: l.known });
      const b = await hub.query(user, l.query, { v: l.unknown });
      expect({ lookup: l.name, status: a.status, body: a.body }).toEqual({ lookup: l.name, status: b.status, body: b.body });
      expect(a.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a privacy officer may resolve an identifier, and every look-up is in governance’s audit', async () => {
    const res = await hub.query('privacy-officer', 'query($v: String!) { childByNhsNumber(nhsNumber: $v) { id } }', { v: known.nhsNumber });
    expect(res.body.data.childByNhsNumber).toEqual({ id: known.id });
    const rows = await sql(hub.databases.governance, 'SELECT actor_sub, entries FROM audit_event WHERE actor_sub = $1', [
      DEMO_USERS['privacy-officer'].sub,
    ]);
    expect(rows.flatMap((r) => r.entries)).toContainEqual(
      expect.objectContaining({ childId: known.id, category: 'CHILD_INDEX', action: 'LOOKUP', decision: 'PERMIT', basis: 'ROLE' }),
    );
  });

  it('registering a child is for source systems only', async () => {
    const res = await hub.query('coordinator', `mutation { registerChild(input: { nhsNumber: "${known.nhsNumber}" }) { id } }`);
    expect(errorCodes(res)).toEqual([['FORBIDDEN', 'ROLE']]);
  });
});

describe('governance is audited like every agency', () => {
  it('reads and writes of consents, relationships and break glass are in its hash chain, which verifies; tampering is detected', async () => {
    const before = (await governanceEntries()).length;
    const read = await hub.query('coordinator', 'query($id: ID!) { consents(childId: $id) { id } relationships(childId: $id) { id } }', {
      id: child(2).id,
    });
    expect(read.body.errors).toBeUndefined();
    const recorded = await hub.query('coordinator', 'mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }', {
      i: { childId: child(2).id, decider: 'PARENT', method: 'SIGNED_FORM', provisions: [{ effect: 'DENY', categories: ['FAMILY'] }] },
    });
    const glasses = await hub.query('privacy-officer', '{ breakGlassEvents(pendingOnly: false) { id } }');
    expect(glasses.body.errors).toBeUndefined();
    const entries = (await governanceEntries()).slice(before);
    const consentIds = read.body.data.consents.map((c: any) => c.id);
    expect(
      entries
        .filter((e: any) => e.category === 'CONSENT' && e.action === 'READ')
        .map((e: any) => e.recordId)
        .sort(),
    ).toEqual([...consentIds].sort());
    expect(
      entries
        .filter((e: any) => e.category === 'RELATIONSHIP' && e.action === 'READ')
        .map((e: any) => e.recordId)
        .sort(),
    ).toEqual(read.body.data.relationships.map((r: any) => r.id).sort());
    expect(entries).toContainEqual(
      expect.objectContaining({
        category: 'CONSENT',
        action: 'CREATE',
        recordId: recorded.body.data.recordConsent.id,
        basis: 'RELATIONSHIP',
      }),
    );
    // Nothing of the records' contents: ids, kinds and decisions only.
    expect(JSON.stringify(entries)).not.toMatch(/FAMILY|SIGNED_FORM|PARENT/);

    await sealAudit(hub.subgraphs.governance.db);
    expect(await verifyChain(hub.databases.governance)).toMatchObject({ ok: true });
    const [{ id, actor_sub: actor }] = await sql(
      hub.databases.governance,
      'SELECT id, actor_sub FROM audit_event WHERE seq IS NOT NULL ORDER BY seq LIMIT 1',
    );
    await sql(hub.databases.governance, "UPDATE audit_event SET actor_sub = 'someone-else' WHERE id = $1", [id]);
    expect(await verifyChain(hub.databases.governance)).toMatchObject({ ok: false });
    await sql(hub.databases.governance, 'UPDATE audit_event SET actor_sub = $2 WHERE id = $1', [id, actor]);
    expect(await verifyChain(hub.databases.governance)).toMatchObject({ ok: true });
  });

  it('a child’s trail has every service’s part; one that fails is null with an error naming it, the rest still answer', async () => {
    await hub.query('coordinator', EDU, { id: child(1).id });
    const TRAIL =
      'query($id: ID!) { auditTrail(childId: $id) { childId governance { seq } education { seq entries { category decision } } health { seq } socialCare { seq } } }';
    const all = await hub.query('privacy-officer', TRAIL, { id: child(1).id });
    expect(all.body.errors).toBeUndefined();
    for (const part of ['governance', 'education', 'health', 'socialCare'])
      expect(Array.isArray(all.body.data.auditTrail[part])).toBe(true);
    expect(all.body.data.auditTrail.education.length).toBeGreaterThan(0);

    await sql(hub.databases.health, 'ALTER TABLE audit_event RENAME TO audit_event_away');
    try {
      const partial = await hub.query('privacy-officer', TRAIL, { id: child(1).id });
      expect(partial.body.data.auditTrail.health).toBeNull();
      expect(partial.body.data.auditTrail.education.length).toBeGreaterThan(0);
      expect(partial.body.errors!.map((e) => e.path)).toEqual([['auditTrail', 'health']]);
    } finally {
      await sql(hub.databases.health, 'ALTER TABLE audit_event_away RENAME TO audit_event');
    }
  });
});

describe('service database roles', () => {
  it('a service’s own connection cannot update or delete audit records, nor change the schema; sealing still works', async () => {
    await hub.query('coordinator', EDU, { id: child(1).id });
    const db = hub.subgraphs.education.db;
    await expect(db.query("UPDATE audit_event SET actor_sub = 'x'")).rejects.toThrow(/permission denied/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/permission denied/);
    await expect(db.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(db.query('DROP TABLE audit_head')).rejects.toThrow(/must be owner/);
    await expect(hub.subgraphs.governance.db.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
    expect(await sealAudit(db)).toMatchObject({ headSeq: expect.any(Number) });
    expect(await verifyChain(hub.databases.education)).toMatchObject({ ok: true });
  });
});

import { DATA_CATEGORIES, type DataCategory } from '@hub/schema';
import type { Caller } from '../identity';
import { decide, decideAll, hasActiveRelationship, hasRelationshipToActForFamily } from './decide';
import type { AccessContext, ConsentProvision, ConsentView, DecisionRequest, RelationshipView } from './types';

const NOW = '2026-03-10T12:00:00Z';
const TODAY = '2026-03-10';

const socialWorker: Caller = { sub: 'sw-1', name: 'Sam Worker', org: 'LA937', roles: ['social_worker'], agency: 'SOCIAL_CARE' };
const coordinator: Caller = { sub: 'ehc-1', name: 'Casey Coord', org: 'LA937', roles: ['ehc_coordinator'], agency: 'EDUCATION' };
const clinician: Caller = { sub: 'hp-1', name: 'Harper Clin', org: 'RX1', roles: ['health_practitioner'], agency: 'HEALTH' };

const allocation = (caller: Caller, over: Partial<RelationshipView> = {}): RelationshipView => ({
  kind: 'ALLOCATION',
  agency: caller.agency!,
  org: caller.org,
  userSub: caller.sub,
  start: '2020-01-01',
  end: null,
  ...over,
});

const provision = (over: Partial<ConsentProvision> = {}): ConsentProvision => ({
  effect: 'PERMIT',
  categories: ['HEALTH'],
  agencies: [],
  orgs: [],
  purposes: [],
  start: null,
  end: null,
  ...over,
});

const consent = (id: string, provisions: ConsentProvision[], over: Partial<ConsentView> = {}): ConsentView => ({
  id,
  decider: 'PARENT',
  youngPersonLacksCapacity: false,
  givenAt: '2025-10-01T09:00:00Z',
  withdrawnAt: null,
  provisions,
  ...over,
});

function context(over: Partial<AccessContext> = {}): AccessContext {
  return { childId: 'child-1', dateOfBirth: '2014-05-01', consents: [], relationships: [], breakGlass: [], ...over };
}

/** An education coordinator, allocated, asking for health data: the consent step decides. */
function request(over: Partial<DecisionRequest> = {}, ctx: Partial<AccessContext> = {}): DecisionRequest {
  const caller = over.caller ?? coordinator;
  return {
    caller,
    purpose: 'EHC_ASSESSMENT',
    owner: 'HEALTH',
    category: 'HEALTH',
    now: NOW,
    ...over,
    context: over.context ?? context({ relationships: [allocation(caller)], ...ctx }),
  };
}

const PERMIT_CONSENT = (consentId: string) => ({ effect: 'PERMIT', basis: 'CONSENT', consentId });
const NO_CONSENT = { effect: 'DENY', reason: 'NO_CONSENT' };

describe('decide: (a) role', () => {
  it('denies a commissioner, even with a relationship and consent', () => {
    const commissioner: Caller = { sub: 'c-1', name: 'C', org: 'QWE', roles: ['commissioner'] };
    const req = request({ caller: commissioner }, { consents: [consent('k1', [provision()])] });
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'ROLE' });
  });

  it('denies a privacy officer', () => {
    const privacy: Caller = { sub: 'p-1', name: 'P', org: 'QWE', roles: ['privacy_officer'] };
    expect(decide(request({ caller: privacy, owner: 'EDUCATION', category: 'EDUCATION' }))).toEqual({ effect: 'DENY', reason: 'ROLE' });
  });

  it('denies a professional role without an agency', () => {
    const odd: Caller = { ...socialWorker, agency: undefined };
    expect(decide(request({ caller: odd, owner: 'SOCIAL_CARE', category: 'SOCIAL_CARE' }))).toEqual({ effect: 'DENY', reason: 'ROLE' });
  });

  it('denies break glass to a role that may not see records', () => {
    const privacy: Caller = { sub: 'p-1', name: 'P', org: 'QWE', roles: ['privacy_officer'] };
    const req = request(
      { caller: privacy },
      { breakGlass: [{ id: 'bg', userSub: 'p-1', startedAt: '2026-03-10T11:00:00Z', expiresAt: '2026-03-10T15:00:00Z' }] },
    );
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'ROLE' });
  });

  describe('integration', () => {
    const feed: Caller = { sub: 'svc-health', name: 'EPR feed', org: 'RX1', roles: ['integration'], agency: 'HEALTH' };

    it('reads its own agency data without a relationship or consent', () => {
      const req = request({ caller: feed, owner: 'HEALTH', category: 'MENTAL_HEALTH', context: context() });
      expect(decide(req)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    });

    it("is denied another agency's data, whatever the consent, relationship or break glass", () => {
      const ctx = context({
        relationships: [allocation(feed)],
        consents: [consent('k1', [provision({ categories: ['EDUCATION'] })])],
        breakGlass: [{ id: 'bg', userSub: 'svc-health', startedAt: '2026-03-10T11:00:00Z', expiresAt: '2026-03-10T15:00:00Z' }],
      });
      expect(decide(request({ caller: feed, owner: 'EDUCATION', category: 'EDUCATION', context: ctx }))).toEqual({
        effect: 'DENY',
        reason: 'ROLE',
      });
    });
  });
});

describe('decide: (b) break glass', () => {
  const glass = { id: 'bg-1', userSub: 'ehc-1', startedAt: '2026-03-10T11:00:00Z', expiresAt: '2026-03-10T15:00:00Z' };

  it('permits any category of any agency without relationship or consent while open', () => {
    const req = request({ category: 'SAFEGUARDING', owner: 'SOCIAL_CARE', context: context({ breakGlass: [glass] }) });
    expect(decide(req)).toEqual({ effect: 'PERMIT', basis: 'BREAK_GLASS', breakGlassId: 'bg-1' });
  });

  it('beats a consent DENY', () => {
    const req = request({}, { breakGlass: [glass], consents: [consent('k1', [provision({ effect: 'DENY' })])] });
    expect(decide(req)).toEqual({ effect: 'PERMIT', basis: 'BREAK_GLASS', breakGlassId: 'bg-1' });
  });

  it('counts from startedAt, inclusive', () => {
    const req = request({ now: '2026-03-10T11:00:00Z', context: context({ breakGlass: [glass] }) });
    expect(decide(req)).toMatchObject({ effect: 'PERMIT', basis: 'BREAK_GLASS' });
  });

  it('does not count before it started', () => {
    const req = request({ now: '2026-03-10T10:59:59Z', context: context({ breakGlass: [glass] }) });
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
  });

  it('lapses at expiresAt (exclusive)', () => {
    expect(decide(request({ now: '2026-03-10T14:59:59Z', context: context({ breakGlass: [glass] }) }))).toMatchObject({
      basis: 'BREAK_GLASS',
    });
    expect(decide(request({ now: '2026-03-10T15:00:00Z', context: context({ breakGlass: [glass] }) }))).toEqual({
      effect: 'DENY',
      reason: 'NO_RELATIONSHIP',
    });
    // after expiry, the ordinary rules apply again
    const ctx = context({ breakGlass: [glass], relationships: [allocation(coordinator)] });
    expect(decide(request({ now: '2026-03-10T16:00:00Z', context: ctx }))).toEqual(NO_CONSENT);
  });

  it('compares instants, not strings, across offsets', () => {
    // 16:30+01:00 is 15:30Z: after expiry
    expect(decide(request({ now: '2026-03-10T16:30:00+01:00', context: context({ breakGlass: [glass] }) }))).toEqual({
      effect: 'DENY',
      reason: 'NO_RELATIONSHIP',
    });
  });

  it("is the caller's own: someone else's break glass does not count", () => {
    const req = request({ context: context({ breakGlass: [{ ...glass, userSub: 'sw-1' }] }) });
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
  });
});

describe('decide: (c) relationship', () => {
  it('denies without any relationship, even with consent', () => {
    const req = request({ context: context({ consents: [consent('k1', [provision()])] }) });
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
  });

  it('denies on an expired allocation; the end date itself is still active', () => {
    const ended = (end: string) =>
      request({ owner: 'EDUCATION', category: 'EDUCATION', context: context({ relationships: [allocation(coordinator, { end })] }) });
    expect(decide(ended('2026-03-09'))).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
    expect(decide(ended(TODAY))).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
  });

  it('denies on an allocation that has not started', () => {
    const req = request({
      owner: 'EDUCATION',
      category: 'EDUCATION',
      context: context({ relationships: [allocation(coordinator, { start: '2026-03-11' })] }),
    });
    expect(decide(req)).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
  });

  it("ignores someone else's allocation and the caller's allocation under another agency", () => {
    const rels = [allocation(socialWorker), allocation(coordinator, { agency: 'SOCIAL_CARE' })];
    expect(decide(request({ owner: 'EDUCATION', category: 'EDUCATION', context: context({ relationships: rels }) }))).toEqual({
      effect: 'DENY',
      reason: 'NO_RELATIONSHIP',
    });
  });

  it('accepts an advice request to the caller’s organisation, or to the caller there', () => {
    const toOrg: RelationshipView = { kind: 'ADVICE_REQUEST', agency: 'HEALTH', org: 'RX1', userSub: null, start: '2026-01-01', end: null };
    const ok = (rel: RelationshipView) =>
      decide(request({ caller: clinician, owner: 'HEALTH', category: 'HEALTH', context: context({ relationships: [rel] }) }));
    expect(ok(toOrg)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    expect(ok({ ...toOrg, userSub: 'hp-1' })).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    expect(ok({ ...toOrg, userSub: 'hp-2' })).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
    expect(ok({ ...toOrg, org: 'RX2' })).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
    // Same organisation code, other agency (an LA's social care vs its SEN team): not a relationship.
    expect(ok({ ...toOrg, agency: 'EDUCATION' })).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
    expect(ok({ ...toOrg, end: '2026-02-01' })).toEqual({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });
  });
});

describe('decide: (d) own agency', () => {
  it('permits own agency data on the relationship, whatever the consents say', () => {
    const req = request(
      { owner: 'EDUCATION', category: 'EDUCATION' },
      { consents: [consent('k1', [provision({ effect: 'DENY', categories: ['EDUCATION'] })])] },
    );
    expect(decide(req)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
  });
});

describe('decide: (e) consent', () => {
  it('denies another agency data without consent', () => {
    expect(decide(request())).toEqual(NO_CONSENT);
  });

  it('permits on a matching consent', () => {
    expect(decide(request({}, { consents: [consent('k1', [provision()])] }))).toEqual(PERMIT_CONSENT('k1'));
  });

  it('needs the category', () => {
    expect(decide(request({ category: 'MENTAL_HEALTH' }, { consents: [consent('k1', [provision()])] }))).toEqual(NO_CONSENT);
  });

  it('deny beats permit, across consents and regardless of order', () => {
    const permit = consent('k1', [provision()], { givenAt: '2026-01-01T00:00:00Z' });
    const deny = consent('k2', [provision({ effect: 'DENY', categories: ['HEALTH', 'MENTAL_HEALTH'] })], {
      givenAt: '2025-01-01T00:00:00Z',
    });
    expect(decide(request({}, { consents: [permit, deny] }))).toEqual(NO_CONSENT);
    expect(decide(request({}, { consents: [deny, permit] }))).toEqual(NO_CONSENT);
    // and within one consent
    const mixed = consent('k3', [
      provision({ categories: ['HEALTH', 'MENTAL_HEALTH'] }),
      provision({ effect: 'DENY', categories: ['MENTAL_HEALTH'] }),
    ]);
    expect(decide(request({}, { consents: [mixed] }))).toEqual(PERMIT_CONSENT('k3'));
    expect(decide(request({ category: 'MENTAL_HEALTH' }, { consents: [mixed] }))).toEqual(NO_CONSENT);
  });

  it('names the most recently given permitting consent', () => {
    const older = consent('k-old', [provision()], { givenAt: '2025-01-01T00:00:00Z' });
    const newer = consent('k-new', [provision()], { givenAt: '2026-01-01T00:00:00Z' });
    expect(decide(request({}, { consents: [newer, older] }))).toEqual(PERMIT_CONSENT('k-new'));
    expect(decide(request({}, { consents: [older, newer] }))).toEqual(PERMIT_CONSENT('k-new'));
  });

  it('ignores a consent withdrawn before now', () => {
    const withdrawn = consent('k1', [provision()], { withdrawnAt: '2026-03-01T00:00:00Z' });
    expect(decide(request({}, { consents: [withdrawn] }))).toEqual(NO_CONSENT);
    // a withdrawn DENY no longer denies
    const withdrawnDeny = consent('k2', [provision({ effect: 'DENY' })], { withdrawnAt: '2026-03-01T00:00:00Z' });
    expect(decide(request({}, { consents: [withdrawnDeny, consent('k3', [provision()])] }))).toEqual(PERMIT_CONSENT('k3'));
  });

  it('still counts a consent withdrawn in the future', () => {
    const later = consent('k1', [provision()], { withdrawnAt: '2026-04-01T00:00:00Z' });
    expect(decide(request({}, { consents: [later] }))).toEqual(PERMIT_CONSENT('k1'));
  });

  it('treats withdrawal at exactly now as withdrawn', () => {
    expect(decide(request({}, { consents: [consent('k1', [provision()], { withdrawnAt: NOW })] }))).toEqual(NO_CONSENT);
  });

  it('ignores a consent not yet given', () => {
    expect(decide(request({}, { consents: [consent('k1', [provision()], { givenAt: '2026-03-10T12:00:01Z' })] }))).toEqual(NO_CONSENT);
  });

  it('needs the provision period to cover today (inclusive)', () => {
    const withPeriod = (start: string | null, end: string | null) =>
      decide(request({}, { consents: [consent('k1', [provision({ start, end })])] }));
    expect(withPeriod('2026-03-11', null)).toEqual(NO_CONSENT);
    expect(withPeriod(null, '2026-03-09')).toEqual(NO_CONSENT);
    expect(withPeriod('2025-01-01', '2025-12-31')).toEqual(NO_CONSENT);
    expect(withPeriod(TODAY, TODAY)).toEqual(PERMIT_CONSENT('k1'));
  });

  it('a DENY outside its period does not deny', () => {
    const deny = consent('k2', [provision({ effect: 'DENY', end: '2026-01-01' })]);
    expect(decide(request({}, { consents: [deny, consent('k1', [provision()])] }))).toEqual(PERMIT_CONSENT('k1'));
  });

  it('needs the purpose when purposes are listed', () => {
    const c = consent('k1', [provision({ purposes: ['DIRECT_CARE', 'EHC_REVIEW'] })]);
    expect(decide(request({ purpose: 'EHC_ASSESSMENT' }, { consents: [c] }))).toEqual(NO_CONSENT);
    expect(decide(request({ purpose: 'EHC_REVIEW' }, { consents: [c] }))).toEqual(PERMIT_CONSENT('k1'));
  });

  it('matches the recipient by agency', () => {
    const toSocialCare = consent('k1', [provision({ agencies: ['SOCIAL_CARE'] })]);
    expect(decide(request({}, { consents: [toSocialCare] }))).toEqual(NO_CONSENT);
    const toEducation = consent('k2', [provision({ agencies: ['SOCIAL_CARE', 'EDUCATION'] })]);
    expect(decide(request({}, { consents: [toEducation] }))).toEqual(PERMIT_CONSENT('k2'));
  });

  it('matches an org-scoped provision by organisation only', () => {
    const toLa = consent('k1', [provision({ orgs: ['LA937'] })]);
    const toOtherLa = consent('k2', [provision({ orgs: ['LA938'] })]);
    expect(decide(request({}, { consents: [toLa] }))).toEqual(PERMIT_CONSENT('k1'));
    expect(decide(request({}, { consents: [toOtherLa] }))).toEqual(NO_CONSENT);
    // agency OR org
    const either = consent('k3', [provision({ agencies: ['SOCIAL_CARE'], orgs: ['LA937'] })]);
    expect(decide(request({}, { consents: [either] }))).toEqual(PERMIT_CONSENT('k3'));
  });

  describe('who decides (child born 2009-05-01, ECSA 2025-06-27, 16 now)', () => {
    const dob = '2009-05-01';
    const parents = consent('k-parent', [provision()], { decider: 'PARENT', givenAt: '2024-01-10T10:00:00Z' });

    it("a parent's consent counted before ECSA", () => {
      expect(decide(request({ now: '2025-06-27T16:00:00Z' }, { dateOfBirth: dob, consents: [parents] }))).toEqual(
        PERMIT_CONSENT('k-parent'),
      );
    });

    it("a parent's consent lapses after ECSA for a 17-year-old", () => {
      expect(decide(request({ now: '2026-06-01T10:00:00Z' }, { dateOfBirth: dob, consents: [parents] }))).toEqual(NO_CONSENT);
    });

    it('counts again when the young person lacks capacity', () => {
      const lacking = { ...parents, youngPersonLacksCapacity: true };
      expect(decide(request({ now: '2026-06-01T10:00:00Z' }, { dateOfBirth: dob, consents: [lacking] }))).toEqual(
        PERMIT_CONSENT('k-parent'),
      );
    });

    it("the young person's own consent counts after ECSA, and their DENY beats a parent's permit", () => {
      const own = consent('k-yp', [provision()], { decider: 'YOUNG_PERSON', givenAt: '2025-09-01T10:00:00Z' });
      const ownDeny = consent('k-yp-deny', [provision({ effect: 'DENY' })], { decider: 'YOUNG_PERSON', givenAt: '2025-01-01T10:00:00Z' });
      const lacking = { ...parents, youngPersonLacksCapacity: true };
      expect(decide(request({ now: '2026-06-01T10:00:00Z' }, { dateOfBirth: dob, consents: [own] }))).toEqual(PERMIT_CONSENT('k-yp'));
      expect(decide(request({ now: '2026-06-01T10:00:00Z' }, { dateOfBirth: dob, consents: [lacking, ownDeny] }))).toEqual(NO_CONSENT);
      // before ECSA a young person's decider record does not count
      expect(decide(request({ now: '2025-03-01T10:00:00Z' }, { dateOfBirth: dob, consents: [ownDeny, parents] }))).toEqual(
        PERMIT_CONSENT('k-parent'),
      );
    });
  });
});

describe('decideAll', () => {
  it('equals decide for every category, in every precedence branch', () => {
    const consents = [
      consent('k1', [provision({ categories: ['HEALTH', 'MENTAL_HEALTH', 'FAMILY'] })], { givenAt: '2025-01-01T00:00:00Z' }),
      consent(
        'k2',
        [provision({ effect: 'DENY', categories: ['MENTAL_HEALTH'] }), provision({ categories: ['FAMILY'], purposes: ['EHC_ASSESSMENT'] })],
        { givenAt: '2025-06-01T00:00:00Z' },
      ),
    ];
    const glass = { id: 'bg', userSub: coordinator.sub, startedAt: '2026-03-10T11:00:00Z', expiresAt: '2026-03-10T13:00:00Z' };
    const commissioner: Caller = { sub: 'c-1', name: 'C', org: 'QWE', roles: ['commissioner'] };
    const cases: DecisionRequest[] = [
      request({}, { consents }),
      request({ owner: 'EDUCATION' }, { consents }),
      request({ context: context({ consents }) }),
      request({ context: context({ consents, breakGlass: [glass] }) }),
      request({ caller: commissioner }, { consents }),
    ];
    for (const req of cases) {
      const { category: _ignored, ...rest } = req;
      const all = decideAll(rest, DATA_CATEGORIES);
      expect([...all.keys()]).toEqual([...DATA_CATEGORIES]);
      for (const category of DATA_CATEGORIES) expect(all.get(category)).toEqual(decide({ ...req, category }));
    }
  });

  it('gives per-category consent answers', () => {
    const consents = [
      consent('k1', [provision({ categories: ['HEALTH', 'MENTAL_HEALTH'] })]),
      consent('k2', [provision({ effect: 'DENY', categories: ['MENTAL_HEALTH'] })]),
    ];
    const { category: _ignored, ...rest } = request({}, { consents });
    const all = decideAll(rest, ['HEALTH', 'MENTAL_HEALTH', 'SAFEGUARDING'] as DataCategory[]);
    expect(all.get('HEALTH')).toEqual(PERMIT_CONSENT('k1'));
    expect(all.get('MENTAL_HEALTH')).toEqual(NO_CONSENT);
    expect(all.get('SAFEGUARDING')).toEqual(NO_CONSENT);
  });

  it('returns independent decision objects', () => {
    const { category: _ignored, ...rest } = request({ owner: 'EDUCATION' });
    const all = decideAll(rest, ['EDUCATION', 'FAMILY']);
    expect(all.get('EDUCATION')).not.toBe(all.get('FAMILY'));
  });
});

describe('decide: input checks', () => {
  it('rejects a now that is not a timestamp', () => {
    expect(() => decide(request({ now: 'yesterday' }))).toThrow(RangeError);
  });
});

describe('acting for the family needs a relationship that names the professional', () => {
  const adviceToTrust: RelationshipView = {
    kind: 'ADVICE_REQUEST',
    agency: 'HEALTH',
    org: 'RX1',
    userSub: null,
    start: '2026-01-01',
    end: null,
  };
  const cases: [string, RelationshipView, boolean, boolean][] = [
    ['an allocation', allocation(clinician), true, true],
    ['a request for advice to them', { ...adviceToTrust, userSub: clinician.sub }, true, true],
    ['their own self-claim', allocation(clinician, { kind: 'SELF_CLAIM' }), true, false],
    ['a request for advice to their whole trust', adviceToTrust, true, false],
    ['an allocation that has ended', allocation(clinician, { end: '2026-03-09' }), false, false],
  ];
  it.each(cases)('%s: sees the child %s, acts for the family %s', (_, relationship, sees, acts) => {
    expect(hasActiveRelationship(clinician, [relationship], TODAY)).toBe(sees);
    expect(hasRelationshipToActForFamily(clinician, [relationship], TODAY)).toBe(acts);
  });
});

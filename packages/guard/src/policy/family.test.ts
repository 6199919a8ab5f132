// The family policy's closures, pure: child protection always; an agency's marking only for that
// agency's data and that category; never the family's own words.
import { decide } from './decide';
import type { AccessContext } from './types';

const parent = { sub: 'u-p', name: 'p', org: 'FAMILY', roles: ['parent_carer' as const] };
const ctx = (withheld: AccessContext['familyWithheld']): AccessContext => ({
  childId: '00000000-0000-4000-8000-000000000001',
  dateOfBirth: '2018-01-01',
  consents: [],
  relationships: [],
  breakGlass: [],
  family: [{ userSub: 'u-p', relation: 'PARENT', youngPersonLacksCapacity: false, start: '2020-01-01', end: null }],
  familyWithheld: withheld,
});
const now = '2026-06-01T12:00:00.000Z';
const effect = (owner: any, category: any, context: AccessContext) =>
  decide({ caller: parent, purpose: 'DIRECT_CARE', owner, category, context, now });

describe('not to be disclosed to the family', () => {
  it('closes only the marked agency and category, with the same answer as child protection', () => {
    const c = ctx([{ agency: 'HEALTH', category: 'MENTAL_HEALTH' }]);
    expect(effect('HEALTH', 'MENTAL_HEALTH', c)).toEqual({ effect: 'DENY', reason: 'ROLE' });
    expect(effect('SOCIAL_CARE', 'SAFEGUARDING', c)).toEqual({ effect: 'DENY', reason: 'ROLE' });
    expect(effect('HEALTH', 'HEALTH', c)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    expect(effect('EDUCATION', 'MENTAL_HEALTH', c)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    expect(effect('FAMILY', 'MENTAL_HEALTH', c)).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
  });
  it('contexts without markings (signed before they existed) close nothing beyond child protection', () => {
    expect(effect('HEALTH', 'MENTAL_HEALTH', ctx(undefined))).toEqual({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
  });
});

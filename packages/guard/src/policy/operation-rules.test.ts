import { refusalOf, type OperationRule } from './operation-rules';
import type { Caller } from '../identity';

const caller = (roles: Caller['roles'], agency?: Caller['agency']): Caller => ({ sub: 'u', name: 'u', org: 'X', roles, agency });

describe('who may call an operation (pure)', () => {
  const coordinators: OperationRule = { kind: 'role', roles: ['ehc_coordinator'] };
  const healthFeed: OperationRule = { kind: 'role', roles: ['integration'], agency: 'HEALTH' };
  const fromEducation: OperationRule = { kind: 'service', services: ['education'] };
  const forCommissioners: OperationRule = { kind: 'service', services: ['commissioning'], roles: ['commissioner'] };

  it('a role rule admits any holder of one of its roles, and no one else', () => {
    expect(refusalOf(coordinators, { caller: caller(['ehc_coordinator']) })).toBeNull();
    expect(refusalOf(coordinators, { caller: caller(['social_worker', 'ehc_coordinator']) })).toBeNull();
    expect(refusalOf(coordinators, { caller: caller(['commissioner']) })).toMatch(/ehc_coordinator/);
  });

  it('an agency on the rule also needs the caller to act for that agency', () => {
    expect(refusalOf(healthFeed, { caller: caller(['integration'], 'HEALTH') })).toBeNull();
    expect(refusalOf(healthFeed, { caller: caller(['integration'], 'SOCIAL_CARE') })).toMatch(/acting for HEALTH/);
    expect(refusalOf(healthFeed, { caller: caller(['health_practitioner'], 'HEALTH') })).not.toBeNull();
  });

  it('a service rule admits only calls from those services (a person through the gateway has none)', () => {
    expect(refusalOf(fromEducation, { caller: caller(['ehc_coordinator']), service: 'education' })).toBeNull();
    expect(refusalOf(fromEducation, { caller: caller(['ehc_coordinator']) })).not.toBeNull();
    expect(refusalOf(fromEducation, { caller: caller(['ehc_coordinator']), service: 'health' })).not.toBeNull();
    expect(refusalOf(forCommissioners, { caller: caller(['commissioner']), service: 'commissioning' })).toBeNull();
    expect(refusalOf(forCommissioners, { caller: caller(['privacy_officer']), service: 'commissioning' })).not.toBeNull();
  });

  it('anyCaller leaves the decision to need-to-know and the consent guard', () => {
    expect(refusalOf({ kind: 'anyCaller' }, { caller: caller(['commissioner']) })).toBeNull();
  });
});

// Demo users, one or more per role, for `npm run token -- <user>` and the tests. Organisations:
// LA 937 (education and social care), NHS trust RX1, the ICB QUE.
import type { Agency, Role } from '@hub/schema';

export interface DemoUser {
  sub: string;
  name: string;
  org: string;
  roles: Role[];
  agency?: Agency;
}

export const DEMO_USERS: Record<string, DemoUser> = {
  coordinator: { sub: 'u-ehc-1', name: 'Demo EHC Coordinator', org: 'LA937', roles: ['ehc_coordinator'] },
  paediatrician: { sub: 'u-health-1', name: 'Demo Community Paediatrician', org: 'RX1', roles: ['health_practitioner'] },
  therapist: { sub: 'u-health-2', name: 'Demo Speech and Language Therapist', org: 'RX1', roles: ['health_practitioner'] },
  dco: { sub: 'u-dco-1', name: 'Demo Designated Clinical Officer', org: 'QUE', roles: ['designated_clinical_officer'] },
  'social-worker': { sub: 'u-sw-1', name: 'Demo Social Worker', org: 'LA937', roles: ['social_worker'] },
  commissioner: { sub: 'u-comm-1', name: 'Demo Commissioner', org: 'QUE', roles: ['commissioner'] },
  'privacy-officer': { sub: 'u-priv-1', name: 'Demo Privacy Officer', org: 'LA937', roles: ['privacy_officer'] },
  'health-feed': { sub: 'svc-health-feed', name: 'Trust EPR feed', org: 'RX1', roles: ['integration'], agency: 'HEALTH' },
  'sc-feed': {
    sub: 'svc-sc-feed',
    name: "Children's social care system feed",
    org: 'LA937',
    roles: ['integration'],
    agency: 'SOCIAL_CARE',
  },
  'edu-feed': { sub: 'svc-edu-feed', name: 'SEN case system feed', org: 'LA937', roles: ['integration'], agency: 'EDUCATION' },
  'team-manager': { sub: 'u-tm-1', name: 'Demo SEN Team Manager', org: 'LA937', roles: ['team_manager'], agency: 'EDUCATION' },
  'health-team-manager': { sub: 'u-tm-2', name: 'Demo Therapy Team Manager', org: 'RX1', roles: ['team_manager'], agency: 'HEALTH' },
  // The family signs in as themselves (NHS login in production); `org` only names the sign-in.
  parent: { sub: 'u-parent-1', name: 'Demo Parent', org: 'FAMILY', roles: ['parent_carer'] },
  'young-person': { sub: 'u-yp-1', name: 'Demo Young Person', org: 'FAMILY', roles: ['young_person'] },
};

// GraphQL enums for the plan, review and SEN support code lists (plan-codes.ts), generated so the
// lists live once.
import * as codes from './plan-codes';
import { enumSdl } from './sdl';

export const PLAN_ENUMS = {
  PlanIssueKind: enumSdl(
    'PlanIssueKind',
    codes.PLAN_ISSUE_KINDS,
    'One issue of an EHC plan: draft and final (reg 13), amendment notice and amended final (reg 22).',
  ),
  ProvisionPeriod: enumSdl('ProvisionPeriod', codes.PROVISION_PERIODS, 'How often an item of section F provision recurs.'),
  PfaArea: enumSdl('PfaArea', codes.PFA_AREAS, 'Preparation for adulthood outcome area (Code of Practice 8.5-8.10).'),
  ReviewDecision: enumSdl('ReviewDecision', codes.REVIEW_DECISIONS, 'The LA decision after a review meeting (regs 20(10), 21(8)).'),
  ReviewStep: enumSdl('ReviewStep', codes.REVIEW_STEPS, 'A step of the EHC plan review clock that has a deadline (regs 18-22).'),
  PhaseTransfer: enumSdl('PhaseTransfer', codes.PHASE_TRANSFERS, 'A transfer between phases of education (reg 2(1), reg 18).'),
  CeaseReason: enumSdl(
    'CeaseReason',
    Object.values(codes.CEASE_REASON_NAMES),
    'SEN2 plan cease reason, by name: MAX_AGE is code 1 ... OTHER is 9 (see ceaseReason for the code).',
  ),
  SenSupportType: enumSdl(
    'SenSupportType',
    codes.SEN_SUPPORT_TYPES,
    'SEN type as the school census records it: the SEN2 types and NSA (no specialist assessment).',
  ),
  SenSupportReviewOutcome: enumSdl('SenSupportReviewOutcome', codes.SEN_SUPPORT_REVIEW_OUTCOMES, 'What a SEN support review concluded.'),
};

export function planEnums(): string {
  return Object.values(PLAN_ENUMS).join('\n\n');
}

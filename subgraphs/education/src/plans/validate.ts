// Argument checks for issuing a plan: BAD_USER_INPUT naming the argument (input.sectionF[2].endOn),
// before anything is read or written. Section F must be specific and quantified (what, how often,
// who, for how long), as tribunals require.
import { badInput } from '@hub/guard/errors';
import {
  isCode,
  isoDateProblem,
  PFA_AREAS,
  PLACEMENT_TYPES,
  PLAN_ISSUE_KINDS,
  PROVISION_PERIODS,
  type PfaArea,
  type PlacementType,
  type PlanIssueKind,
  type ProvisionPeriod,
} from '@hub/schema';
import { checkId, checkText } from '../assessments/validate';

export interface IssueSections {
  A: { text: string; recordedOnBehalfOfFamily: true }[];
  B: { text: string }[];
  E: { description: string; targetDate: string | null; pfaArea: PfaArea | null }[];
  F: {
    description: string;
    provider: string;
    sessions: number;
    minutesPerSession: number;
    per: ProvisionPeriod;
    startOn: string;
    endOn: string;
  }[];
  I: { name: string; urn: string | null; placementType: PlacementType }[];
  J: { description: string; annualAmountPence: number | null; directPayment: boolean }[];
  /** Links to requests for advice (education's advice_request ids). */
  K: { adviceRequestId: string }[];
}

export interface IssueInput {
  childId: string;
  kind: PlanIssueKind;
  issuedOn: string;
  idempotencyKey: string;
  sections: IssueSections;
}

function date(argument: string, v: unknown): string {
  const p = typeof v === 'string' ? isoDateProblem(v) : 'must be a date in the form YYYY-MM-DD';
  if (p) throw badInput(argument, p);
  return v as string;
}

function count(argument: string, v: unknown, min: number, max: number): number {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max)
    throw badInput(argument, `must be a whole number from ${min} to ${max}`);
  return v as number;
}

export function checkIdempotencyKey(v: unknown, argument = 'input.idempotencyKey'): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9._:-]{8,100}$/.test(v)) throw badInput(argument, 'must be 8 to 100 letters, digits or . _ : -');
  return v;
}

export function checkIssueInput(input: any, today: string): IssueInput {
  const childId = checkId('input.childId', input.childId);
  if (!isCode(PLAN_ISSUE_KINDS, input.kind)) throw badInput('input.kind', 'is not a kind of plan issue');
  const issuedOn = date('input.issuedOn', input.issuedOn);
  if (issuedOn > today) throw badInput('input.issuedOn', 'is in the future');
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  const list = (name: string) => {
    if (!Array.isArray(input[name])) throw badInput(`input.${name}`, 'must be a list');
    if (input[name].length > 50) throw badInput(`input.${name}`, 'may have at most 50 items');
    return input[name] as any[];
  };
  const B = list('sectionB').map((t, i) => ({ text: checkText(`input.sectionB[${i}]`, t, 3, 2000) }));
  if (!B.length) throw badInput('input.sectionB', 'must name at least one special educational need');
  const E = list('sectionE').map((o, i) => {
    const at = `input.sectionE[${i}]`;
    if (o.pfaArea != null && !isCode(PFA_AREAS, o.pfaArea)) throw badInput(`${at}.pfaArea`, 'is not a preparation for adulthood area');
    return {
      description: checkText(`${at}.description`, o.description, 3, 2000),
      targetDate: o.targetDate == null ? null : date(`${at}.targetDate`, o.targetDate),
      pfaArea: (o.pfaArea ?? null) as PfaArea | null,
    };
  });
  if (!E.length) throw badInput('input.sectionE', 'must state at least one outcome');
  const F = list('sectionF').map((f, i) => {
    const at = `input.sectionF[${i}]`;
    if (!isCode(PROVISION_PERIODS, f.per)) throw badInput(`${at}.per`, 'is not a period');
    const startOn = date(`${at}.startOn`, f.startOn);
    const endOn = date(`${at}.endOn`, f.endOn);
    if (endOn < startOn) throw badInput(`${at}.endOn`, 'is before startOn');
    return {
      description: checkText(`${at}.description`, f.description, 3, 2000),
      provider: checkText(`${at}.provider`, f.provider, 2, 200),
      sessions: count(`${at}.sessions`, f.sessions, 1, 100),
      minutesPerSession: count(`${at}.minutesPerSession`, f.minutesPerSession, 5, 1440),
      per: f.per as ProvisionPeriod,
      startOn,
      endOn,
    };
  });
  if (!F.length) throw badInput('input.sectionF', 'must specify at least one item of special educational provision');
  const i = input.sectionI ?? {};
  if (!isCode(PLACEMENT_TYPES, i.placementType)) throw badInput('input.sectionI.placementType', 'is not a placement type');
  if (i.urn != null && !/^[0-9]{6,8}$/.test(i.urn)) throw badInput('input.sectionI.urn', 'must be a URN or UKPRN (6 to 8 digits)');
  const I = [
    {
      name: checkText('input.sectionI.name', i.name, 3, 300),
      urn: (i.urn ?? null) as string | null,
      placementType: i.placementType as PlacementType,
    },
  ];
  const j = input.sectionJ;
  const J =
    j == null
      ? []
      : [
          {
            description: checkText('input.sectionJ.description', j.description, 3, 2000),
            annualAmountPence:
              j.annualAmountPence == null ? null : count('input.sectionJ.annualAmountPence', j.annualAmountPence, 0, 100_000_000),
            directPayment: j.directPayment === true,
          },
        ];
  const K = list('sectionK').map((id, n) => ({ adviceRequestId: checkId(`input.sectionK[${n}]`, id) }));
  if (new Set(K.map((k) => k.adviceRequestId)).size !== K.length) throw badInput('input.sectionK', 'names a request for advice twice');
  const A = [{ text: checkText('input.sectionA', input.sectionA, 3, 5000), recordedOnBehalfOfFamily: true as const }];
  return { childId, kind: input.kind, issuedOn, idempotencyKey, sections: { A, B, E, F, I, J, K } };
}

// Argument checks for assessment mutations: BAD_USER_INPUT naming the argument, before anything
// is read or written.
import { badInput } from '@hub/guard/errors';
import {
  ADVICE_TYPE_AGENCY,
  ADVICE_TYPES,
  AGENCIES,
  EXCEPTION_KINDS,
  isCode,
  isHubId,
  isoDateProblem,
  laCodeOfOrganisation,
  organisationCodeProblem,
  type AdviceType,
  type Agency,
  type ExceptionKind,
} from '@hub/schema';

export function checkId(argument: string, v: unknown): string {
  if (!isHubId(v)) throw badInput(argument, 'must be an id (a UUID)');
  return v.toLowerCase();
}

/** An ISO date that is not after today. */
export function checkDate(argument: string, v: unknown, today: string): string {
  const problem = typeof v === 'string' ? isoDateProblem(v) : 'must be a date in the form YYYY-MM-DD';
  if (problem) throw badInput(argument, problem);
  if ((v as string) > today) throw badInput(argument, 'is in the future');
  return v as string;
}

export function notBefore(argument: string, date: string, earliest: string | null, what: string): void {
  if (earliest !== null && date < earliest) throw badInput(argument, `is before ${what}`);
}

export function checkText(argument: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || v.trim().length < min) throw badInput(argument, `must be at least ${min} characters`);
  if (v.length > max) throw badInput(argument, `may be at most ${max} characters`);
  return v.trim();
}

export function checkKind(v: unknown): ExceptionKind {
  if (!isCode(EXCEPTION_KINDS, v)) throw badInput('kind', 'is not an exception kind');
  return v;
}

/** Advice type, agency and organisation together: health advice is asked of health, and so on. */
export function checkAdviceTarget(args: { adviceType: unknown; agency: unknown; organisation: unknown }): {
  adviceType: AdviceType;
  agency: Agency;
  organisation: string;
} {
  if (!isCode(ADVICE_TYPES, args.adviceType)) throw badInput('adviceType', 'is not an advice type');
  if (!isCode(AGENCIES, args.agency)) throw badInput('agency', 'is not an agency');
  const must = ADVICE_TYPE_AGENCY[args.adviceType];
  if (must && must !== args.agency) throw badInput('agency', `must be ${must} for ${args.adviceType} advice`);
  const p = organisationCodeProblem(args.organisation);
  if (p) throw badInput('organisation', p);
  if (args.agency === 'SOCIAL_CARE' && !laCodeOfOrganisation(args.organisation as string))
    throw badInput('organisation', 'must be an LA code (LA + 3 digits) for social care');
  return { adviceType: args.adviceType, agency: args.agency, organisation: args.organisation as string };
}

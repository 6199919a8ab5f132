// Checks of advice input. Every problem is BAD_USER_INPUT naming the argument; nothing is written.
import { isHubId, isoDateProblem, type PlanSection } from '@hub/schema';
import { badInput } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import type { AdviceContent } from './repository';

const MAX_ITEMS = 50;
const MAX_TEXT = 4000;

export function checkUuid(argument: string, v: unknown): string {
  if (!isHubId(v)) throw badInput(argument, 'must be an id (a UUID)');
  return v.toLowerCase();
}

export function checkKey(argument: string, v: unknown): string {
  const key = checkIdempotencyKey(v, argument);
  if (key === null) throw badInput(argument, 'must be 8-100 letters, digits, - or _');
  return key;
}

function text(argument: string, v: unknown, max = MAX_TEXT): string {
  if (typeof v !== 'string' || !v.trim()) throw badInput(argument, 'must not be empty');
  if (v.length > max) throw badInput(argument, `may be at most ${max} characters`);
  return v.trim();
}

function texts(argument: string, v: unknown, min: number): string[] {
  if (!Array.isArray(v) || v.length < min) throw badInput(argument, `needs at least ${min} item${min === 1 ? '' : 's'}`);
  if (v.length > MAX_ITEMS) throw badInput(argument, `may hold at most ${MAX_ITEMS} items`);
  return v.map((x, i) => text(`${argument}[${i}]`, x));
}

/** The content of a submission or amendment, checked; `today` bounds the advice date. */
export function checkContent(input: any, sections: readonly PlanSection[], today: string): AdviceContent {
  const needs = texts('input.needs', input.needs, 1);
  const outcomes = texts('input.outcomes', input.outcomes, 0);
  if (!Array.isArray(input.provision) || input.provision.length > MAX_ITEMS)
    throw badInput('input.provision', `must be a list of at most ${MAX_ITEMS} items`);
  const provision = input.provision.map((p: any, i: number) => {
    const at = `input.provision[${i}]`;
    const section = p.section ?? sections[0];
    if (!sections.includes(section)) throw badInput(`${at}.section`, `must be ${sections.join(' or ')}`);
    const hours = p.hoursPerWeek ?? null;
    if (hours !== null && !(typeof hours === 'number' && hours >= 0 && hours <= 168))
      throw badInput(`${at}.hoursPerWeek`, 'must be 0 to 168');
    return {
      section,
      description: text(`${at}.description`, p.description),
      provider: p.provider == null ? null : text(`${at}.provider`, p.provider, 200),
      hoursPerWeek: hours,
    };
  });
  const authorName = text('input.authorName', input.authorName, 200);
  const authorRole = text('input.authorRole', input.authorRole, 200);
  const dateProblem = typeof input.adviceDate === 'string' ? isoDateProblem(input.adviceDate) : 'must be a date in the form YYYY-MM-DD';
  if (dateProblem) throw badInput('input.adviceDate', dateProblem);
  if (input.adviceDate > today) throw badInput('input.adviceDate', 'is in the future');
  return { needs, outcomes, provision, authorName, authorRole, adviceDate: input.adviceDate };
}

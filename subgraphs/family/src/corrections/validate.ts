// The family's correction request and the agency's answer, checked before anything is read or
// written: each problem is BAD_USER_INPUT naming the field, and nothing changes.
import { badInput } from '@hub/guard/errors';
import { AGENCIES, AGENCY_RECORD_CATEGORIES, CORRECTION_OUTCOMES, isCode, isHubId } from '@hub/schema';

function text(argument: string, value: unknown, { min = 0, max }: { min?: number; max: number }): string | null {
  if (value == null || (typeof value === 'string' && !value.trim() && min === 0)) return null;
  if (typeof value !== 'string') throw badInput(argument, 'must be text');
  if (value.trim().length < min) throw badInput(argument, `must say it in at least ${min} characters`);
  if (value.length > max) throw badInput(argument, `may be at most ${max} characters`);
  return value.trim();
}

export function checkRequest(input: any) {
  if (!isHubId(input?.childId)) throw badInput('input.childId', 'must be a hub id (a UUID)');
  if (!isCode(AGENCIES, input.agency)) throw badInput('input.agency', `must be one of ${AGENCIES.join(', ')}`);
  if (input.category === 'FAMILY') throw badInput('input.category', 'is your own story: change it by writing a new version');
  if (!isCode(AGENCY_RECORD_CATEGORIES, input.category))
    throw badInput('input.category', `must be one of ${AGENCY_RECORD_CATEGORIES.join(', ')}`);
  const whatIsWrong = text('input.whatIsWrong', input.whatIsWrong, { min: 10, max: 2000 });
  if (!whatIsWrong) throw badInput('input.whatIsWrong', 'must say what is wrong');
  return {
    childId: (input.childId as string).toLowerCase(),
    agency: input.agency,
    category: input.category,
    about: text('input.about', input.about, { max: 200 }),
    whatIsWrong,
    whatItShouldSay: text('input.whatItShouldSay', input.whatItShouldSay, { max: 2000 }),
  };
}

export function checkAnswer(input: any) {
  if (!isHubId(input?.id)) throw badInput('input.id', 'must be a correction request id (a UUID)');
  if (!isCode(CORRECTION_OUTCOMES, input.outcome)) throw badInput('input.outcome', `must be one of ${CORRECTION_OUTCOMES.join(', ')}`);
  // A refusal owes the family its reason; an acceptance may say what was changed.
  const answer = text('input.reason', input.reason, { min: input.outcome === 'DECLINED' ? 10 : 0, max: 2000 });
  if (input.outcome === 'DECLINED' && !answer) throw badInput('input.reason', 'must say why the request is declined');
  return { id: (input.id as string).toLowerCase(), outcome: input.outcome as string, answer };
}

// One check of an allocation's input, for allocate and allocateMany: `at` names the argument.
import { badInput } from '@hub/guard/errors';
import { checkDate, checkId, checkUserSub } from '../validate';

export function checkAllocation(input: { childId?: unknown; userSub?: unknown; startDate?: unknown; endDate?: unknown }, at: string) {
  const childId = checkId(`${at}.childId`, input.childId);
  const userSub = checkUserSub(`${at}.userSub`, input.userSub);
  const start = checkDate(`${at}.startDate`, input.startDate);
  if (!start) throw badInput(`${at}.startDate`, 'must be a date in the form YYYY-MM-DD');
  const end = checkDate(`${at}.endDate`, input.endDate);
  if (end && end < start) throw badInput(`${at}.endDate`, 'is before startDate');
  return { childId, userSub, start, end };
}

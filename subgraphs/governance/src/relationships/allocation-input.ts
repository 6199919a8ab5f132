// One check of an allocation's input, for allocate and allocateMany: `at` names the argument.
// Separation of duties: the allocated user is never the caller.
import { badInput, forbidden } from '@hub/guard/errors';
import { checkDate, checkId, checkUserSub } from '../validate';

/** Whoever holds the token (a manager who also carries cases, say) never allocates themselves. */
export const SELF_ALLOCATION = 'nobody allocates themselves: another team manager or the source system does';

export function checkAllocation(
  input: { childId?: unknown; userSub?: unknown; startDate?: unknown; endDate?: unknown },
  at: string,
  callerSub: string,
) {
  const childId = checkId(`${at}.childId`, input.childId);
  const userSub = checkUserSub(`${at}.userSub`, input.userSub);
  if (userSub === callerSub) throw forbidden('ROLE', SELF_ALLOCATION);
  const start = checkDate(`${at}.startDate`, input.startDate);
  if (!start) throw badInput(`${at}.startDate`, 'must be a date in the form YYYY-MM-DD');
  const end = checkDate(`${at}.endDate`, input.endDate);
  if (end && end < start) throw badInput(`${at}.endDate`, 'is before startDate');
  return { childId, userSub, start, end };
}

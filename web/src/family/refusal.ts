// The hub's refusals in plain words for a family member: who may decide, and why not them.
import type { HubError } from '../api/errors';

export function refusalWords(e: HubError | undefined): string {
  if (!e) return 'Something went wrong. Try again.';
  const code = e.extensions?.code;
  const reason = e.extensions?.reason;
  if (code === 'FORBIDDEN' && reason === 'ROLE')
    return `You are not the person who decides about sharing for this child now (${e.message}). From the end of the school year they turn 16, the young person decides for themselves, unless they lack capacity.`;
  if (code === 'FORBIDDEN') return `You cannot do this for this child (${e.message}).`;
  if (code === 'BAD_USER_INPUT' && String(e.extensions?.argument ?? '').includes('decider'))
    return `You are not the person entitled to decide about sharing for this child now: from the end of the school year they turn 16, the young person decides for themselves, unless they lack capacity. (${e.message})`;
  return e.message;
}

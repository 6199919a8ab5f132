import { badInput } from '@hub/common';
import { isHubId } from '@hub/schema';

/** A hub id argument, lower-cased, or BAD_USER_INPUT naming the argument. */
export function checkId(argument: string, id: unknown): string {
  if (!isHubId(id)) throw badInput(argument, 'must be a hub id (a UUID)');
  return id.toLowerCase();
}

// The identifiers a registration links, checked: one rule for registerChild and registerChildren.
import { badInput } from '@hub/guard/errors';
import { laIdentifier, type IdentifierKind } from '@hub/guard/linkage';
import { laCodeProblem, nhsNumberProblem, upnProblem } from '@hub/schema';

export type RegistrationInput = Record<string, string | null | undefined>;

/** `at` names the argument in errors (`input`, `inputs[3]`). */
export function registrationIdentifiers(input: RegistrationInput, at: string): { kind: IdentifierKind; value: string }[] {
  const ids: { kind: IdentifierKind; value: string }[] = [];
  if (input.nhsNumber != null) {
    const p = nhsNumberProblem(input.nhsNumber);
    if (p) throw badInput(`${at}.nhsNumber`, p);
    ids.push({ kind: 'NHS', value: input.nhsNumber });
  }
  if (input.upn != null) {
    const p = upnProblem(input.upn);
    if (p) throw badInput(`${at}.upn`, p);
    ids.push({ kind: 'UPN', value: input.upn });
  }
  if ((input.laCode == null) !== (input.laChildId == null))
    throw badInput(`${at}.laChildId`, 'needs laCode with it (LA child ids are unique only within an LA)');
  if (input.laCode != null && input.laChildId != null) {
    const p = laCodeProblem(input.laCode);
    if (p) throw badInput(`${at}.laCode`, p);
    if (!/^[\w-]{1,40}$/.test(input.laChildId)) throw badInput(`${at}.laChildId`, 'must be 1-40 letters, digits, - or _');
    ids.push({ kind: 'LA', value: laIdentifier(input.laCode, input.laChildId) });
  }
  if (!ids.length) throw badInput(at, 'needs at least one identifier');
  return ids;
}

// Finds personal data in log text: the names, NHS numbers, UPNs and dates of birth of the demo
// children, the names the synthetic generator draws from, and any valid NHS number or UPN at all
// (synthetic children's identifiers are random, so they are recognised by their check digits).
import { isValidNhsNumber, isValidUpn } from '@hub/schema';
import { DEMO_CHILDREN } from '@hub/seed';
import { FAMILY, GIVEN } from '../../seed/src/synthetic';

export interface Hit {
  line: number;
  kind: 'name' | 'nhsNumber' | 'upn' | 'dateOfBirth';
}

const NAMES = [...new Set([...DEMO_CHILDREN.flatMap((c) => [c.givenName, c.familyName]), ...GIVEN, ...FAMILY])];
const NAME_RE = new RegExp(`\\b(${NAMES.map((n) => n.replace(/[^\w-]/g, '')).join('|')})\\b`);
const DOBS = new Set(DEMO_CHILDREN.map((c) => c.dateOfBirth));

export function findPersonalData(text: string): Hit[] {
  const hits: Hit[] = [];
  text.split('\n').forEach((line, i) => {
    const at = (kind: Hit['kind']) => hits.push({ line: i + 1, kind });
    if (NAME_RE.test(line)) at('name');
    for (const m of line.matchAll(/\b\d{3} ?\d{3} ?\d{4}\b/g)) if (isValidNhsNumber(m[0])) at('nhsNumber');
    for (const m of line.matchAll(/\b[A-Z]\d{11}[0-9A-Z]\b/g)) if (isValidUpn(m[0])) at('upn');
    for (const m of line.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) if (DOBS.has(m[0])) at('dateOfBirth');
  });
  return hits;
}

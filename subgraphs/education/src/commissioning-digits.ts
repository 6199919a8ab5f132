// The shape both timeliness clocks send to joint commissioning: per pseudonymous child, outcome
// digits (a Timeliness's index in TIMELINESS), worked out here from `pseudonym|[clock input JSON]`
// lines, so no date or id leaves the agency.
import { TIMELINESS, type Timeliness } from '@hub/schema';

export const timelinessDigit = (t: Timeliness) => String(TIMELINESS.indexOf(t));

/** Per pseudonym, the digits `digits` makes of its line's items; a child with no digit at all is left out. */
export function digitsPerPseudonym<T, D extends Record<string, string>>(lines: string, digits: (items: T[]) => D): Map<string, D> {
  const out = new Map<string, D>();
  if (!lines) return out;
  for (const line of lines.split('\n')) {
    const bar = line.indexOf('|');
    const d = digits(JSON.parse(line.slice(bar + 1)) as T[]);
    if (Object.values(d).some((v) => v !== '')) out.set(line.slice(0, bar), d);
  }
  return out;
}

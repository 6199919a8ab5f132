// Dates cross the graph as ISO calendar dates (YYYY-MM-DD); anything else is bad input.

// The range every stored date must fall in: PostgreSQL has no year 0, and nothing the hub records
// (births, requests, consents, plans) falls outside these years.
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

export function isoDateProblem(input: unknown): string | null {
  if (typeof input !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input)) return 'must be a date in the form YYYY-MM-DD';
  const d = new Date(`${input}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== input) return 'is not a real calendar date';
  const year = Number(input.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return `is out of range (years ${MIN_YEAR} to ${MAX_YEAR})`;
  return null;
}

/**
 * An ISO 8601 date-time with a time zone (Z or ±hh:mm), seconds and fraction optional: the only
 * form a timestamp argument takes. Impossible dates (30 February) and times (25:00) are refused,
 * not rolled over as Date.parse would.
 */
export function isoDateTimeProblem(input: unknown): string | null {
  const m =
    typeof input === 'string'
      ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/.exec(input)
      : null;
  if (!m) return 'must be a date-time in the form YYYY-MM-DDThh:mm:ssZ (or with a ±hh:mm offset)';
  const dateProblem = isoDateProblem(m[1]);
  if (dateProblem) return dateProblem;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return 'is not a real time of day';
  if (m[6] !== undefined && (Number(m[6]) > 14 || Number(m[7]) > 59)) return 'has an impossible time-zone offset';
  return null;
}

export function toIsoDate(d: Date | string | null | undefined): string | null {
  if (d == null) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of age on a date: the age bands commissioners filter by rest on this. */
export function ageOn(dateOfBirth: string, onIso: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onIso.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

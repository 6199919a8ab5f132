// The fields an agency's extract line may carry, separated by `|` after the pseudonym. The
// commissioning service asks for the fields a query needs (`fields`, names from this list only);
// the agency builds its statement from fixed SQL per field (subgraphs/<agency>/src/
// commissioning-extract.ts), never from the caller's text, and writes the requested fields in the
// order of this list. Lists inside a field are separated by `;`.
import { AGE_BANDS } from '@hub/schema';

/** Parameters every extract statement receives: $1/$2 the key's HMAC pads, $3 the nonce, $4 the date. */
export const AS_AT = '$4::date';

export const EXTRACT_FIELDS = {
  // recordKey (every agency): the child's persistent record key for disclosure control, 0..255
  // (RECORD_KEY_SQL in extract.ts), the same whichever agency sends it.
  /**
   * placementType: the placement open on the date, NONE without one; primarySenType: NONE without
   * needs. inclusion: the academic year to the date (from 1 August), `absence:persistent:suspensions:
   * permanent` — whole percent of possible sessions missed (empty without attendance recorded),
   * 1 when 10% or more were missed, suspensions (at most 9), 1 when permanently excluded — or empty
   * for a child with neither attendance nor exclusions (education's commissioning-inclusion.ts).
   * timeliness, reviewTimeliness: no column: a second section (TIMELINESS_FIELDS), holding the
   * assessment clock's outcomes, the review clock's, or both, as asked (SECTION_FIELDS).
   */
  education: [
    'recordKey',
    'ageBand',
    'la',
    'locality',
    'senStatus',
    'primarySenType',
    'placementType',
    'services',
    'inclusion',
    'timeliness',
    'reviewTimeliness',
  ],
  /** waitStates: one digit per HEALTH_SERVICES entry, an index into WAIT_STATES; completedWaits: `SERVICE:days;…`. */
  health: ['recordKey', 'waitStates', 'completedWaits', 'services'],
  /** socialCareStatus: CLA, CP, CIN or KNOWN_NOT_OPEN on the date. */
  'social-care': ['recordKey', 'la', 'socialCareStatus', 'services'],
} as const;

export type ExtractAgency = keyof typeof EXTRACT_FIELDS;
export type ExtractFieldName<A extends ExtractAgency = ExtractAgency> = (typeof EXTRACT_FIELDS)[A][number];

/** The requested fields that are columns of the line, in EXTRACT_FIELDS order. */
export function lineColumns<A extends ExtractAgency>(agency: A, requested: readonly string[]): ExtractFieldName<A>[] {
  return (EXTRACT_FIELDS[agency] as readonly ExtractFieldName<A>[]).filter(
    (f) => !(SECTION_FIELDS as readonly string[]).includes(f) && requested.includes(f),
  );
}

/** Fields that are not columns of the line but ask for the second section (and what goes in it). */
export const SECTION_FIELDS = ['timeliness', 'reviewTimeliness'] as const;

/**
 * Education's extract has a second section (after SECTION_SEPARATOR) when `timeliness` or
 * `reviewTimeliness` is asked for (the fields of the one not asked for stay empty), one line per child with timeliness facts. plan: one digit, an index into TIMELINESS (a
 * PLAN_OUTCOMES value), or empty; healthAdvice: one such digit per request for health advice
 * counted (ADVICE_OUTCOMES values); annualReviews: one digit per annual review meeting due in the
 * year to the date, phaseTransfers one per phase transfer whose deadline fell in it (IN_TIME, LATE,
 * OVERDUE: the review clock has no exceptions).
 */
export const TIMELINESS_FIELDS = ['pseudonym', 'plan', 'healthAdvice', 'annualReviews', 'phaseTransfers'] as const;

/**
 * A FROM-clause item giving the dates that bound the age bands on the "as at" date (alias `ab`):
 * a child is at most `max` years old when born after "as at" minus max + 1 years. Quarter ends
 * exist in every year, so the subtraction is exact.
 */
export const AGE_BOUNDS_SQL = `(SELECT ${AGE_BANDS.map((b, i) => `(${AS_AT} - interval '${b.max + 1} years')::date AS b${i}`).join(', ')}) ab`;

/** SQL: the age band on the "as at" date of a date-of-birth column (needs AGE_BOUNDS_SQL in FROM): date comparisons only. */
export function ageBandSql(dobColumn: string): string {
  return `CASE ${AGE_BANDS.map((b, i) => `WHEN ${dobColumn} > ab.b${i} THEN '${b.code}'`).join(' ')} END`;
}

// Attendance and exclusions of pupils, per term: the inclusion indicators the DfE publishes
// (pupil absence in schools in England; suspensions and permanent exclusions), used by education's
// records and the commissioning measure. Sessions are half-days. Sources: DfE "School attendance:
// guidance" (2024) for sessions and persistent absence; the Education (Pupil Registration) (England)
// Regulations 2024 for authorised and unauthorised absence; DfE "Suspension and permanent exclusion"
// guidance (2024) for the two kinds of exclusion.

/** The three school terms; the academic year starts on 1 August (DfE's collection year). */
export const TERMS = ['AUTUMN', 'SPRING', 'SUMMER'] as const;
export type Term = (typeof TERMS)[number];

/** Suspension (fixed period; its length in sessions) or permanent exclusion. */
export const EXCLUSION_KINDS = ['SUSPENSION', 'PERMANENT'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/**
 * Why a recorded exclusion no longer stands: recorded in error, or overturned (the governing board
 * reinstated the pupil, or reconsidered after an independent review panel). Either way it is kept,
 * marked withdrawn, and no longer shown or counted.
 */
export const EXCLUSION_WITHDRAWALS = ['RECORDED_IN_ERROR', 'OVERTURNED'] as const;
export type ExclusionWithdrawal = (typeof EXCLUSION_WITHDRAWALS)[number];

/** A pupil is persistently absent when they miss 10% or more of their possible sessions (DfE). */
export const PERSISTENT_ABSENCE_PERCENT = 10;
/** Severely absent: 50% or more of possible sessions missed (DfE). */
export const SEVERE_ABSENCE_PERCENT = 50;

/** The academic year a date falls in, by its first calendar year (2025 for 2025/26): from 1 August. */
export function academicYearOf(isoDate: string): number {
  const y = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 8 ? y : y - 1;
}

/** The term a date falls in, as the DfE's termly collections split the year: autumn August–December, spring January–March, summer April–July. */
export function termOf(isoDate: string): Term {
  const m = Number(isoDate.slice(5, 7));
  return m >= 8 ? 'AUTUMN' : m <= 3 ? 'SPRING' : 'SUMMER';
}

/** A term's recorded sessions: possible = attended (with approved educational activity) + authorised + unauthorised absence. */
export function attendanceProblem(t: {
  sessionsPossible: number;
  sessionsAttended: number;
  authorisedAbsence: number;
  unauthorisedAbsence: number;
}): { field: string; problem: string } | null {
  for (const [field, v] of Object.entries(t))
    if (!Number.isInteger(v) || v < 0 || v > 400) return { field, problem: 'must be a whole number of sessions from 0 to 400' };
  if (t.sessionsAttended + t.authorisedAbsence + t.unauthorisedAbsence !== t.sessionsPossible)
    return { field: 'sessionsPossible', problem: 'must equal sessions attended plus authorised and unauthorised absence' };
  return null;
}

/**
 * What the commissioning inclusion measure counts per group, in the academic year to the date:
 * pupils with attendance or exclusions recorded, and of them those persistently absent, suspended at
 * least once, and permanently excluded.
 */
export const INCLUSION_INDICATORS = ['PUPILS', 'PERSISTENTLY_ABSENT', 'SUSPENDED', 'PERMANENTLY_EXCLUDED'] as const;
export type InclusionIndicator = (typeof INCLUSION_INDICATORS)[number];

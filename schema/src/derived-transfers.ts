// Phase transfers the child's placements show, so the LA need not record them by hand (reg 2(1)
// lists the phases; the review clock needs each transfer's date). The standard transfers follow
// from the date of birth alone (review-clock.ts transferCandidates); the others depend on the
// schools attended, and a placement at a new setting says which:
//   - starting in August or September (a new school year), by the national curriculum year it
//     starts in: Reception EARLY_YEARS_TO_SCHOOL, Year 3 INFANT_TO_JUNIOR, Year 5 or 6
//     PRIMARY_TO_MIDDLE, Year 7 PRIMARY_TO_SECONDARY, Year 8 or 9 MIDDLE_TO_SECONDARY, Year 12 or
//     later from a school SECONDARY_TO_POST16;
//   - a post-16 setting after another post-16 setting, in any month: POST16_TO_POST16 (reg 18(2)).
// A move in any other year, or mid-year between schools, is a change of school, not of phase.
// Home education and NEET are not settings, so they neither start nor end a transfer.
import type { PlacementType } from './codes';
import type { PhaseTransfer } from './plan-codes';
import { nationalCurriculumYear } from './review-clock';

export interface TransferPlacement {
  startDate: string;
  placementType: PlacementType;
}

const POST16: readonly PlacementType[] = ['FE', 'SPECIALIST_POST16'];
const NOT_A_SETTING: readonly PlacementType[] = ['EHE', 'NEET'];

const BY_YEAR: Record<number, PhaseTransfer> = {
  0: 'EARLY_YEARS_TO_SCHOOL',
  3: 'INFANT_TO_JUNIOR',
  5: 'PRIMARY_TO_MIDDLE',
  6: 'PRIMARY_TO_MIDDLE',
  7: 'PRIMARY_TO_SECONDARY',
  8: 'MIDDLE_TO_SECONDARY',
  9: 'MIDDLE_TO_SECONDARY',
};

/** The transfers a child's placements (any order) show, soonest first. */
export function transfersFromPlacements(
  dateOfBirth: string,
  placements: readonly TransferPlacement[],
): { transfer: PhaseTransfer; transferOn: string }[] {
  const settings = placements
    .filter((p) => !NOT_A_SETTING.includes(p.placementType))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const out: { transfer: PhaseTransfer; transferOn: string }[] = [];
  settings.forEach((p, k) => {
    const before = settings[k - 1];
    if (before && POST16.includes(before.placementType) && POST16.includes(p.placementType))
      return void out.push({ transfer: 'POST16_TO_POST16', transferOn: p.startDate });
    const month = Number(p.startDate.slice(5, 7));
    if (month !== 8 && month !== 9) return;
    // The year the child is in from 1 September of that school year.
    const year = nationalCurriculumYear(dateOfBirth, `${p.startDate.slice(0, 4)}-09-01`);
    if (year >= 12 && POST16.includes(p.placementType) && (!before || !POST16.includes(before.placementType)))
      return void out.push({ transfer: 'SECONDARY_TO_POST16', transferOn: p.startDate });
    const kind = BY_YEAR[year];
    // Into Reception, a first setting is the transfer; later phases need a setting to move from.
    if (kind && (before || year === 0)) out.push({ transfer: kind, transferOn: p.startDate });
  });
  return out;
}

/**
 * The transfers the clock is given: those the LA recorded, then those the placements show of kinds
 * not recorded (each replaces the standard transfer of its kind, by date of birth).
 */
export function knownTransfers(
  recorded: readonly { transfer: PhaseTransfer; transferOn: string }[],
  dateOfBirth: string,
  placements: readonly TransferPlacement[],
) {
  return [...recorded, ...transfersFromPlacements(dateOfBirth, placements).filter((d) => !recorded.some((r) => r.transfer === d.transfer))];
}

import { knownTransfers, transfersFromPlacements, type TransferPlacement } from './derived-transfers';
import { nextTransfer, transferCandidates } from './review-clock';

// Born 10 May 2015: Reception from September 2019, Year 3 2022, Year 5 2024, Year 7 2026, Year 9 2028, Year 12 2031.
const DOB = '2015-05-10';
const at = (startDate: string, placementType: TransferPlacement['placementType'] = 'MAINSTREAM'): TransferPlacement => ({
  startDate,
  placementType,
});

describe('phase transfers the placements show', () => {
  it('into Reception, Year 3 and Year 7 in September: early years to school, infant to junior, primary to secondary', () => {
    expect(transfersFromPlacements(DOB, [at('2026-09-02', 'SPECIAL_MAINTAINED'), at('2019-09-04'), at('2022-09-05')])).toEqual([
      { transfer: 'EARLY_YEARS_TO_SCHOOL', transferOn: '2019-09-04' },
      { transfer: 'INFANT_TO_JUNIOR', transferOn: '2022-09-05' },
      { transfer: 'PRIMARY_TO_SECONDARY', transferOn: '2026-09-02' },
    ]);
  });

  it('a three-tier area: primary to middle into Year 5, middle to secondary into Year 9, and then no transfer into Year 7', () => {
    const shown = transfersFromPlacements(DOB, [at('2019-09-04'), at('2024-09-03'), at('2028-09-05')]);
    expect(shown.map((t) => t.transfer)).toEqual(['EARLY_YEARS_TO_SCHOOL', 'PRIMARY_TO_MIDDLE', 'MIDDLE_TO_SECONDARY']);
    expect(transferCandidates({ dateOfBirth: DOB, transfers: shown }).map((t) => t.transfer)).not.toContain('PRIMARY_TO_SECONDARY');
    expect(nextTransfer({ dateOfBirth: DOB, transfers: shown }, '2026-01-01')).toEqual({
      transfer: 'MIDDLE_TO_SECONDARY',
      transferOn: '2028-09-05',
    });
  });

  it('a mid-year move, or a September move within a phase, is a change of school, not of phase', () => {
    expect(transfersFromPlacements(DOB, [at('2019-09-04'), at('2023-01-09'), at('2023-09-06')]).map((t) => t.transfer)).toEqual([
      'EARLY_YEARS_TO_SCHOOL',
    ]);
  });

  it('into post-16 from school in September; between post-16 settings in any month (reg 18(2)); home education is not a setting', () => {
    // The first setting known is a secondary school: it shows no transfer (nothing to move from).
    expect(transfersFromPlacements(DOB, [at('2026-09-02'), at('2031-08-28', 'FE'), at('2032-01-06', 'SPECIALIST_POST16')])).toEqual([
      { transfer: 'SECONDARY_TO_POST16', transferOn: '2031-08-28' },
      { transfer: 'POST16_TO_POST16', transferOn: '2032-01-06' },
    ]);
    expect(transfersFromPlacements(DOB, [at('2021-09-06'), at('2022-03-01', 'EHE'), at('2022-09-05')]).map((t) => t.transfer)).toEqual([
      'INFANT_TO_JUNIOR',
    ]);
  });

  it('what the LA recorded wins over what the placements show, kind by kind', () => {
    const recorded = [{ transfer: 'INFANT_TO_JUNIOR' as const, transferOn: '2022-09-01' }];
    expect(knownTransfers(recorded, DOB, [at('2019-09-04'), at('2022-09-05')])).toEqual([
      recorded[0],
      { transfer: 'EARLY_YEARS_TO_SCHOOL', transferOn: '2019-09-04' },
    ]);
  });
});

import { deciderEntitled, endOfCompulsorySchoolAge } from './capacity';
import type { Decider } from './types';

describe('endOfCompulsorySchoolAge', () => {
  it.each([
    // turns 16 on 2026-03-14, school year 2025/26 -> last Friday of June 2026
    ['2010-03-14', '2026-06-26'],
    // turns 16 on 2026-09-01, school year 2026/27 -> last Friday of June 2027
    ['2010-09-01', '2027-06-25'],
    // turns 16 on 2026-08-31, the last day of school year 2025/26
    ['2010-08-31', '2026-06-26'],
    // leap day: turns 16 on 2028-02-29, school year 2027/28 -> last Friday of June 2028
    ['2012-02-29', '2028-06-30'],
    ['2012-12-31', '2029-06-29'],
    ['2012-01-01', '2028-06-30'],
  ])('born %s -> %s', (dob, ecsa) => {
    expect(endOfCompulsorySchoolAge(dob)).toBe(ecsa);
  });

  it('always lands on a Friday in the last week of June', () => {
    for (let year = 1990; year <= 2040; year++) {
      const ecsa = endOfCompulsorySchoolAge(`${year}-01-15`);
      const d = new Date(`${ecsa}T00:00:00Z`);
      expect(d.getUTCDay()).toBe(5);
      expect(d.getUTCMonth()).toBe(5);
      expect(d.getUTCDate()).toBeGreaterThanOrEqual(24);
    }
  });

  it('rejects what is not a date', () => {
    expect(() => endOfCompulsorySchoolAge('2010-02-30')).toThrow(RangeError);
    expect(() => endOfCompulsorySchoolAge('14/03/2010')).toThrow(RangeError);
  });
});

describe('deciderEntitled', () => {
  const dob = '2010-03-14'; // ECSA 2026-06-26
  const before = '2026-06-25';
  const dayOf = '2026-06-26';
  const dayAfter = '2026-06-27';

  type Row = [Decider, boolean, string, boolean];
  const table: Row[] = [
    // decider, lacksCapacity, on, entitled
    ['PARENT', false, before, true],
    ['PARENT', false, dayOf, true],
    ['PARENT', false, dayAfter, false],
    ['PARENT', true, before, true],
    ['PARENT', true, dayOf, true],
    ['PARENT', true, dayAfter, true],
    ['GILLICK_COMPETENT_CHILD', false, before, true],
    ['GILLICK_COMPETENT_CHILD', false, dayOf, true],
    ['GILLICK_COMPETENT_CHILD', false, dayAfter, true],
    ['GILLICK_COMPETENT_CHILD', true, dayAfter, true],
    ['YOUNG_PERSON', false, before, false],
    ['YOUNG_PERSON', false, dayOf, false],
    ['YOUNG_PERSON', false, dayAfter, true],
    ['YOUNG_PERSON', true, dayOf, false],
    ['YOUNG_PERSON', true, dayAfter, false],
    ['DEPUTY', false, before, false],
    ['DEPUTY', true, before, false],
    ['DEPUTY', true, dayOf, false],
    ['DEPUTY', false, dayAfter, false],
    ['DEPUTY', true, dayAfter, true],
  ];
  it.each(table)('%s (lacks capacity %s) on %s -> %s', (decider, youngPersonLacksCapacity, on, expected) => {
    expect(deciderEntitled({ decider, youngPersonLacksCapacity }, dob, on)).toBe(expected);
  });

  it('uses only the date part of a timestamp', () => {
    expect(deciderEntitled({ decider: 'YOUNG_PERSON', youngPersonLacksCapacity: false }, dob, '2026-06-26T23:59:59Z')).toBe(false);
    expect(deciderEntitled({ decider: 'YOUNG_PERSON', youngPersonLacksCapacity: false }, dob, '2026-06-27T00:00:00Z')).toBe(true);
  });

  const unknown: Row[] = [
    ['PARENT', false, dayAfter, true],
    ['PARENT', true, dayAfter, true],
    ['GILLICK_COMPETENT_CHILD', false, dayAfter, true],
    ['YOUNG_PERSON', false, before, true],
    ['YOUNG_PERSON', true, before, false],
    ['DEPUTY', false, dayAfter, false],
    ['DEPUTY', true, before, true],
  ];
  it.each(unknown)('date of birth unknown: %s (lacks capacity %s) on %s -> %s', (decider, youngPersonLacksCapacity, on, expected) => {
    expect(deciderEntitled({ decider, youngPersonLacksCapacity }, null, on)).toBe(expected);
  });
});

import {
  formatNhsNumber,
  isValidNhsNumber,
  isValidUpn,
  makeNhsNumber,
  makeUpn,
  nhsCheckDigit,
  nhsNumberProblem,
  upnCheckLetter,
  upnProblem,
} from './identifiers';

describe('NHS number (modulus 11)', () => {
  it.each(['9434765919', '943 476 5919', '943-476-5919', '4010232137', '9990000018'])('accepts %s', (n) => {
    expect(nhsNumberProblem(n)).toBeNull();
  });

  it('worked example: 943 476 591 gives check digit 9', () => {
    // 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; 11-2 = 9
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('maps remainder 0 (check 11) to check digit 0', () => {
    // 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92; 92 mod 11 = 4 -> 7. Find a stem whose check is 11:
    const stem = Array.from({ length: 2000 }, (_, i) => String(100000000 + i)).find((s) => {
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(s[i]) * (10 - i);
      return sum % 11 === 0;
    })!;
    expect(nhsCheckDigit(stem)).toBe(0);
    expect(isValidNhsNumber(`${stem}0`)).toBe(true);
  });

  it('rejects numbers whose check would be 10', () => {
    const stem = Array.from({ length: 2000 }, (_, i) => String(100000000 + i)).find((s) => nhsCheckDigit(s) === null)!;
    for (let d = 0; d <= 9; d++) expect(nhsNumberProblem(`${stem}${d}`)).toMatch(/no check digit/);
  });

  it.each([
    ['9434765918', /check digit/],
    ['943476591', /10 digits/],
    ['94347659190', /10 digits/],
    ['94347659A9', /10 digits/],
    ['', /10 digits/],
  ])('rejects %s', (n, why) => {
    expect(nhsNumberProblem(n)).toMatch(why);
  });

  it('never echoes the number in the problem', () => {
    expect(nhsNumberProblem('9434765918')).not.toContain('9434765918');
  });

  it('makes valid numbers and formats them 3-3-4', () => {
    const n = makeNhsNumber(943476591)!;
    expect(n).toBe('9434765919');
    expect(formatNhsNumber(n)).toBe('943 476 5919');
  });
});

describe('UPN (check letter, mod 23)', () => {
  it('computes the check letter from positions 2..13', () => {
    // 937 2001 16 001: sum of value*position for positions 2..13
    const rest = '937200116001';
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(rest[i]) * (i + 2);
    expect(upnCheckLetter(rest)).toBe('ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23]);
  });

  it('accepts permanent and temporary UPNs built by the rule', () => {
    const permanent = makeUpn(937, 2001, 2016, 1);
    expect(permanent).toMatch(/^[A-Z]\d{12}$/);
    expect(upnProblem(permanent)).toBeNull();
    expect(isValidUpn(permanent.toLowerCase())).toBe(true);
    const rest = '93720011600A';
    const temporary = upnCheckLetter(rest) + rest;
    expect(upnProblem(temporary)).toBeNull();
  });

  it.each([
    ['A12345678901', /13 characters/],
    ['A1234567890123', /13 characters/],
    ['1234567890123', /letter/],
    ['A12345678901I', /cannot end in I, O or S/],
  ])('rejects %s', (u, why) => {
    expect(upnProblem(u)).toMatch(why);
  });

  it('rejects a wrong check letter', () => {
    const good = makeUpn(937, 2001, 2016, 1);
    const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
    const wrong = letters[(letters.indexOf(good[0]) + 1) % 23] + good.slice(1);
    expect(upnProblem(wrong)).toMatch(/check letter/);
  });

  it('rejects a transposition of two digits', () => {
    const good = makeUpn(937, 2001, 2016, 12);
    const swapped = good[0] + good.slice(1, 11) + good[12] + good[11];
    if (swapped !== good) expect(isValidUpn(swapped)).toBe(false);
  });
});

// Identifier rules from domain.md: NHS number (modulus 11) and UPN (check letter, mod 23).

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/** Strips the usual 3-3-4 spacing/dashes so that "943 476 5919" and "9434765919" are the same number. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The check digit for nine digits, or null when the number cannot be valid (remainder gives 10). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * NHS_WEIGHTS[i];
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Why the NHS number is invalid, or null when it is valid. Never echoes the input back. */
export function nhsNumberProblem(input: string): string | null {
  const n = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(n)) return 'must be 10 digits';
  const check = nhsCheckDigit(n.slice(0, 9));
  if (check === null) return 'is not a valid NHS number (no check digit is possible)';
  if (check !== Number(n[9])) return 'fails the NHS number check digit';
  return null;
}

export function isValidNhsNumber(input: string): boolean {
  return nhsNumberProblem(input) === null;
}

export function formatNhsNumber(n: string): string {
  const d = normaliseNhsNumber(n);
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The UPN check letter for characters 2..13 (12 characters). */
export function upnCheckLetter(rest: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i];
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

export function upnProblem(input: string): string | null {
  const u = input.trim().toUpperCase();
  if (u.length !== 13) return 'must be 13 characters';
  const permanent = /^[A-Z]\d{12}$/.test(u);
  const temporary = /^[A-Z]\d{11}[A-Z]$/.test(u);
  if (!permanent && !temporary) return 'must be a letter, 11 digits, then a digit (permanent) or a letter (temporary)';
  if (temporary && !UPN_LETTERS.includes(u[12])) return 'a temporary UPN cannot end in I, O or S';
  if (upnCheckLetter(u.slice(1)) !== u[0]) return 'fails the UPN check letter';
  return null;
}

export function isValidUpn(input: string): boolean {
  return upnProblem(input) === null;
}

export function normaliseUpn(input: string): string {
  return input.trim().toUpperCase();
}

/** Builds a valid NHS number from a 9-digit stem, or null if that stem has no valid check digit. */
export function makeNhsNumber(stem: number): string | null {
  const nine = String(stem).padStart(9, '0').slice(-9);
  const check = nhsCheckDigit(nine);
  return check === null ? null : nine + check;
}

/** Builds a valid permanent UPN from LA number, establishment, year and serial. */
export function makeUpn(la: number, establishment: number, year: number, serial: number): string {
  const rest =
    String(la).padStart(3, '0') +
    String(establishment).padStart(4, '0') +
    String(year % 100).padStart(2, '0') +
    String(serial).padStart(3, '0');
  return upnCheckLetter(rest) + rest;
}

/** LA child IDs are unique only within an LA, so the hub always qualifies them with the LA code. */
export function laChildKey(laCode: string, laChildId: string): string {
  return `${laCode}:${laChildId}`;
}

export function laCodeProblem(input: string): string | null {
  return /^\d{3}$/.test(input) ? null : 'must be a 3-digit LA code';
}

const HUB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hub ids (children, consents, break-glass grants) are UUIDs. */
export function isHubId(input: unknown): input is string {
  return typeof input === 'string' && HUB_ID.test(input);
}

// Results as CSV (RFC 4180): a header row, then one row per published cell. Suppressed figures are
// written `c` (the DfE convention for "confidential"); combinations that are not listed are 0 (as
// published). The last column, `disclosure`, says how the row's counts were protected
// (`perturbed`: the cell key method, docs/commissioning.md).
export const SUPPRESSED_CSV = 'c';
export const DISCLOSURE_COLUMN = 'disclosure';

function field(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function figure(value: number | null, suppressed: boolean): string | number {
  return suppressed ? SUPPRESSED_CSV : (value ?? '');
}

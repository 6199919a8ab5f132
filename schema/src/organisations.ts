// Organisations the hub knows by code, where a rule needs to know how they relate. An ICB's
// designated clinical officer oversees health advice from the NHS trusts in its area.

/** ICB (ODS code) -> NHS trusts in its area. The demo ICB QUE covers trusts RX1 and RGT. */
export const ICB_TRUSTS: Record<string, readonly string[]> = {
  QUE: ['RX1', 'RGT'],
};

/** The organisations an ICB oversees (empty for an organisation that is not a known ICB). */
export function trustsOfIcb(icb: string): readonly string[] {
  return ICB_TRUSTS[icb] ?? [];
}

/** NHS ODS codes and LA codes (LA937) as the hub accepts them. */
export function organisationCodeProblem(input: unknown): string | null {
  return typeof input === 'string' && /^[A-Z0-9]{3,8}$/.test(input)
    ? null
    : 'must be an ODS or LA code (3-8 capitals or digits, e.g. RX1 or LA937)';
}

/** A local authority's organisation code, LA + its 3-digit LA number. */
export function laOrganisation(laCode: string): string {
  return `LA${laCode}`;
}

/** The 3-digit LA number of an LA organisation code, or null when it is not one. */
export function laCodeOfOrganisation(org: string): string | null {
  const m = /^LA(\d{3})$/.exec(org);
  return m ? m[1] : null;
}

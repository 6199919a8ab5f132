// Splits a FHIR Bundle too big for one request (the gateway's MAX_BODY_BYTES) into Bundles that
// fit, never splitting one patient's entries: each child's record arrives whole in one
// submission, so "records the source no longer sends are closed" stays true per child. Each part
// is its own submission, `<identifier>.p<n>`, idempotent on its own.
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';

function patientKey(e: BundleEntry): string {
  const r = e.resource as any;
  if (r?.resourceType === 'Patient') return e.fullUrl ?? JSON.stringify(r.identifier ?? null);
  const ref = r?.subject ?? r?.patient;
  return ref?.reference ?? JSON.stringify(ref?.identifier ?? null);
}

/** The bytes a Bundle takes once it is a GraphQL string variable (escaped JSON in JSON). */
export const requestBytes = (text: string) => Buffer.byteLength(JSON.stringify(text)) + 300;

export function splitBundle(bundle: Bundle, maxBytes: number): { bundle: Bundle; text: string }[] {
  const whole = JSON.stringify(bundle);
  if (requestBytes(whole) <= maxBytes) return [{ bundle, text: whole }];
  // Patients in order of first appearance, each with all its entries.
  const groups = new Map<string, BundleEntry[]>();
  for (const e of bundle.entry ?? []) {
    const k = patientKey(e);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const parts: { bundle: Bundle; text: string }[] = [];
  let current: BundleEntry[] = [];
  let size = 0;
  const flush = () => {
    if (!current.length) return;
    const b: Bundle = {
      ...bundle,
      identifier: { ...bundle.identifier, value: `${bundle.identifier?.value}.p${parts.length + 1}` },
      entry: current,
    };
    parts.push({ bundle: b, text: JSON.stringify(b) });
    current = [];
    size = 0;
  };
  for (const entries of groups.values()) {
    const bytes = entries.reduce((n, e) => n + requestBytes(JSON.stringify(e)), 0);
    if (size && size + bytes > maxBytes - 1000) flush();
    current.push(...entries);
    size += bytes;
  }
  flush();
  return parts;
}

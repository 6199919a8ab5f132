// Reads an Open Referral UK (HSDS UK profile) services document into the hub's commissioned
// service shape, checking each service before anything is written. Accepted shapes: a page of the
// directory's `/services` endpoint ({ content: [...], totalPages, number, ... }), several such pages
// the CLI joined ({ content } of all of them), or a bare array of services. Services are not
// personal data, but the report still names the service by position and field only.
import { IssueList } from '../issues';

export interface ServiceIn {
  record: number;
  id: string;
  name: string;
  description: string | null;
  eligibility: string | null;
  /** From HSDS 3's service_capacities (maximum); null when the directory gives none. */
  capacity: number | null;
  serviceArea: string[];
  taxonomy: string | null;
}

const RT = 'service';
/** The hub keeps service areas as postcode districts (commissioning maps children onto them). */
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const ID = /^[\w.:-]{1,100}$/;
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function servicesOf(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  const content = obj(doc).content;
  return Array.isArray(content) ? content : null;
}

export function checkServices(doc: unknown): { services: ServiceIn[]; issues: IssueList } {
  const issues = new IssueList();
  const list = servicesOf(doc);
  if (!list) {
    issues.error(null, null, 'content', 'ORUK-SHAPE', 'must be a /services page ({ content: [...] }) or an array of services');
    return { services: [], issues };
  }
  const seen = new Map<string, number>();
  const services: ServiceIn[] = [];
  list.forEach((raw, i) => {
    const s = obj(raw);
    let ok = true;
    const id = str(s.id);
    if (!id || !ID.test(id)) {
      issues.error(i, RT, 'id', 'ORUK-ID', "must be the directory's service id (1-100 letters, digits, _ . : -)");
      ok = false;
    } else if (seen.has(id)) {
      issues.error(i, RT, 'id', 'ORUK-DUPLICATE', `the same id as service ${seen.get(id)}`);
      ok = false;
    } else seen.set(id, i);
    const name = str(s.name);
    if (!name) {
      issues.error(i, RT, 'name', 'ORUK-NAME', 'is required (HSDS: service.name)');
      ok = false;
    }
    const status = str(s.status);
    if (status && !['active', 'inactive', 'defunct', 'temporarily closed'].includes(status))
      issues.error(i, RT, 'status', 'ORUK-STATUS', 'must be active, inactive, defunct or temporarily closed');
    // Only active services are commissioned now; the others are sent so the hub can close them.
    if (status && status !== 'active') return;
    const eligibility = arr(s.eligibilitys ?? s.eligibilities)
      .map((e) => {
        const x = obj(e);
        const ages =
          typeof x.minimum_age === 'number' || typeof x.maximum_age === 'number'
            ? `ages ${x.minimum_age ?? 0}-${x.maximum_age ?? ''}`
            : null;
        return [str(x.eligibility), ages].filter(Boolean).join(', ');
      })
      .filter(Boolean);
    const areas: string[] = [];
    arr(s.service_areas).forEach((a, k) => {
      const v = str(obj(a).service_area)?.toUpperCase() ?? null;
      if (v && DISTRICT.test(v)) areas.push(v);
      else
        issues.warning(
          i,
          RT,
          `service_areas[${k}].service_area`,
          'ORUK-AREA',
          'is not a postcode district; not kept (the hub keeps service areas as postcode districts)',
        );
    });
    let capacity: number | null = null;
    const cap = arr(s.service_capacities)[0];
    if (cap !== undefined) {
      const m = obj(cap).maximum;
      if (typeof m === 'number' && Number.isInteger(m) && m >= 0) capacity = m;
      else {
        issues.error(i, RT, 'service_capacities[0].maximum', 'ORUK-CAPACITY', 'must be a whole number of places, 0 or more');
        ok = false;
      }
    }
    const taxonomy =
      arr(s.service_taxonomys ?? s.taxonomies)
        .map((t) => obj(obj(t).taxonomy ?? t))
        .map((t) => str(t.name) ?? str(t.id))
        .find(Boolean) ?? null;
    if (ok && id && name)
      services.push({
        record: i,
        id,
        name,
        description: str(s.description),
        eligibility: eligibility.length ? eligibility.join('; ') : null,
        capacity,
        serviceArea: [...new Set(areas)],
        taxonomy,
      });
  });
  return { services, issues };
}

// Writes catalogue services as an Open Referral UK (HSDS UK profile) /services page, what an
// agency's service directory serves: one page holding every service, so it is a whole directory.
import type { CatalogueService } from '../model';

export function openReferralServices(services: readonly CatalogueService[]) {
  return {
    totalElements: services.length,
    totalPages: 1,
    number: 1,
    size: services.length,
    first: true,
    last: true,
    content: services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      status: 'active',
      organization: { id: `org-${s.organisation.toLowerCase()}`, name: s.organisation },
      eligibilitys: [{ id: `${s.id}-el`, eligibility: s.eligibility }],
      service_areas: s.serviceArea.map((d, k) => ({ id: `${s.id}-sa-${k}`, service_area: d })),
      service_taxonomys: [{ id: `${s.id}-tx`, taxonomy: { id: s.taxonomy, name: s.taxonomy, vocabulary: 'send-hub' } }],
      service_capacities: [{ id: `${s.id}-cap`, maximum: s.capacity, unit: 'places' }],
    })),
  };
}

// Commissioned capacity against demand: for every service in the agencies' catalogues, its
// capacity (places or sessions at once; not personal data, never suppressed) and the children
// using it on the "as at" date, in total and by locality (the child's postcode district). Demand
// counts are rounded like any count, over the service × locality table.
import { COMMISSIONING_DIMENSIONS, TOTAL, type Agency, type CommissioningDimension } from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL } from '../disclosure/cell-key';
import { disclosureFlag } from './counts';
import { canonical, crossTab, fieldsFor } from '../dimensions';
import { cellAt, slice, type Measure } from '../query';

export interface LocalityDemand {
  locality: string;
  demand: number | null;
  suppressed: boolean;
  perturbed: boolean;
}

export interface ServiceCapacity {
  serviceId: string;
  agency: Agency;
  organisation: string;
  name: string;
  capacity: number;
  serviceArea: string[];
  demand: number | null;
  suppressed: boolean;
  perturbed: boolean;
  /** Children using the service per place, where demand is published. */
  demandPerPlace: number | null;
  localities: LocalityDemand[];
}

export interface CapacityTable {
  asAt: string;
  filter: { dimension: CommissioningDimension; value: string }[];
  services: ServiceCapacity[];
  csv: string;
  disclosureControl: typeof DISCLOSURE_CONTROL;
}

const SERVICE = 'SERVICE';

export const capacityDemand: Measure<CapacityTable> = {
  name: 'capacityDemand',
  catalogue: true,
  fields: (q) =>
    fieldsFor(['LOCALITY', ...(Object.keys(q.fixed) as CommissioningDimension[])], {
      education: ['services'],
      health: ['services'],
      'social-care': ['services'],
    }),
  run(population, q) {
    const dims = canonical(['LOCALITY', ...(Object.keys(q.fixed) as CommissioningDimension[])], COMMISSIONING_DIMENSIONS);
    const ids = [...new Set([...population.catalogue.map((s) => s.id), ...population.services.flatMap((x) => x ?? [])])].sort();
    const code = new Map(ids.map((id, i) => [id, i]));
    const lattice = crossTab(population, dims, {
      name: SERVICE,
      values: ids,
      units(i, emit) {
        for (const id of population.services[i] ?? []) emit(code.get(id)!);
      },
    });
    const cells = slice(lattice, [SERVICE, 'LOCALITY'], q.fixed as Record<string, string>);
    const locality = q.fixed.LOCALITY ?? TOTAL;
    const services = population.catalogue.map((s): ServiceCapacity => {
      const total = cellAt(cells, [s.id, locality]);
      return {
        serviceId: s.id,
        agency: s.agency,
        organisation: s.organisation,
        name: s.name,
        capacity: s.capacity,
        serviceArea: s.serviceArea,
        demand: total.count,
        suppressed: total.suppressed,
        perturbed: total.perturbed,
        demandPerPlace: total.count === null || s.capacity === 0 ? null : Math.round((100 * total.count) / s.capacity) / 100,
        localities: cells
          .filter((c) => c.values[0] === s.id && c.values[1] !== TOTAL)
          .map((c) => ({ locality: c.values[1], demand: c.count, suppressed: c.suppressed, perturbed: c.perturbed })),
      };
    });
    const rows = services.flatMap((s) => [
      [s.serviceId, s.agency, s.name, TOTAL, s.capacity, figure(s.demand, s.suppressed), disclosureFlag(s)],
      ...s.localities.map((l) => [s.serviceId, s.agency, s.name, l.locality, '', figure(l.demand, l.suppressed), disclosureFlag(l)]),
    ]);
    return {
      asAt: q.asAt,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      services,
      csv: toCsv(['service_id', 'agency', 'service', 'locality', 'capacity', 'children_using', DISCLOSURE_COLUMN], rows),
      disclosureControl: DISCLOSURE_CONTROL,
    };
  },
};

// How each dimension a commissioner may group by is read off the joined population (which agency
// field it needs, and its column), and the counting of units over dimensions into a Lattice with
// integer keys.
import {
  AGENCY_COMBINATIONS,
  COMMISSIONING_DIMENSIONS,
  HEALTH_SERVICES,
  UNKNOWN,
  WAIT_STATES,
  type CommissioningDimension,
} from '@hub/schema';
import { applyCellKey } from './disclosure/cell-key';
import { Lattice } from './lattice';
import { KNOWN_BY, type Column, type FieldRequest, type Population } from './population';

type Source = { [A in keyof FieldRequest]?: NonNullable<FieldRequest[A]>[number] };

const EDUCATION_FIELD = {
  AGE_BAND: 'ageBand',
  LOCALITY: 'locality',
  SEN_STATUS: 'senStatus',
  PRIMARY_SEN_TYPE: 'primarySenType',
  PLACEMENT_TYPE: 'placementType',
} as const;
const WAITS = Object.fromEntries(HEALTH_SERVICES.map((s, i) => [`WAIT_${s}`, i])) as Record<string, number>;

/** The agency fields each dimension is read from. */
export function dimensionSource(d: CommissioningDimension): Source {
  if (d in EDUCATION_FIELD) return { education: EDUCATION_FIELD[d as keyof typeof EDUCATION_FIELD] };
  if (d === 'LA') return { education: 'la', 'social-care': 'la' };
  if (d === 'SOCIAL_CARE_STATUS') return { 'social-care': 'socialCareStatus' };
  if (d in WAITS) return { health: 'waitStates' };
  return {}; // AGENCIES: the pseudonyms alone
}

/** The fields to ask each agency for: those of the dimensions, plus any more a measure needs, and always the record key (every figure is published through the cell key method). */
export function fieldsFor(dims: Iterable<CommissioningDimension>, ...more: FieldRequest[]): FieldRequest {
  const out: Record<string, Set<string>> = {
    education: new Set(['recordKey']),
    health: new Set(['recordKey']),
    'social-care': new Set(['recordKey']),
  };
  for (const d of dims) for (const [a, f] of Object.entries(dimensionSource(d))) out[a].add(f as string);
  for (const m of more) for (const [a, fs] of Object.entries(m)) for (const f of fs as string[]) out[a].add(f);
  return Object.fromEntries(Object.entries(out).map(([a, s]) => [a, [...s]])) as FieldRequest;
}

const AGENCIES_BY_BITS = Array.from({ length: 8 }, (_, b) =>
  [b & KNOWN_BY.education && 'E', b & KNOWN_BY.health && 'H', b & KNOWN_BY['social-care'] && 'S'].filter(Boolean).join('+'),
);

const cache = new WeakMap<Population, Map<CommissioningDimension, Column>>();

/** The dimension as a column over the population: values[0] is its value for a child the agency does not know. */
export function dimensionColumn(pop: Population, d: CommissioningDimension): Column {
  let byDim = cache.get(pop);
  if (!byDim) cache.set(pop, (byDim = new Map()));
  let col = byDim.get(d);
  if (!col) byDim.set(d, (col = readColumn(pop, d)));
  return col;
}

function need<T>(c: T | undefined): T {
  if (!c) throw new Error('a dimension was read without its extract field');
  return c;
}

function readColumn(pop: Population, d: CommissioningDimension): Column {
  if (d in EDUCATION_FIELD) {
    const c = need(pop.columns.education?.[EDUCATION_FIELD[d as keyof typeof EDUCATION_FIELD]]);
    return { codes: c.codes, values: [UNKNOWN, ...c.values.slice(1)] };
  }
  if (d === 'AGENCIES') {
    if (AGENCIES_BY_BITS.slice(1).some((v) => !(AGENCY_COMBINATIONS as readonly string[]).includes(v)))
      throw new Error('agency combinations out of step');
    return { codes: Uint16Array.from(pop.known), values: AGENCIES_BY_BITS };
  }
  if (d === 'SOCIAL_CARE_STATUS') {
    const c = need(pop.columns['social-care']?.socialCareStatus);
    return { codes: c.codes, values: ['NOT_KNOWN', ...c.values.slice(1)] };
  }
  if (d === 'LA') {
    // Education's LA, else social care's: one dictionary over both.
    const e = need(pop.columns.education?.la);
    const s = need(pop.columns['social-care']?.la);
    const values = [UNKNOWN];
    const dict = new Map<string, number>();
    const code = (v: string) => {
      let c = dict.get(v);
      if (c === undefined) dict.set(v, (c = values.push(v) - 1));
      return c;
    };
    const eCode = e.values.map((v, i) => (i ? code(v) : 0));
    const sCode = s.values.map((v, i) => (i ? code(v) : 0));
    const codes = new Uint16Array(pop.size);
    for (let i = 0; i < pop.size; i++) codes[i] = e.codes[i] ? eCode[e.codes[i]] : sCode[s.codes[i]];
    return { codes, values };
  }
  const w = WAITS[d];
  const c = need(pop.columns.health?.waitStates);
  // A child health does not know (code 0) is not waiting.
  const digit = c.values.map((v, i) => (i ? Number(v[w]) : 0));
  const codes = new Uint16Array(pop.size);
  for (let i = 0; i < pop.size; i++) codes[i] = digit[c.codes[i]];
  return { codes, values: [...WAIT_STATES] };
}

/** A dimension the measure adds before the caller's (the health service, the service, the outcome): its values and each child's units. */
export interface Lead {
  name: string;
  values: readonly string[];
  /** Calls emit once per unit of child i with the unit's lead value (index into values) and, optionally, a sample. */
  units(i: number, emit: (code: number, sample?: number) => void): void;
}

/**
 * Counts children (or, with a lead, units) over the dimensions, with integer keys, and returns the
 * Lattice built from the distinct combinations, published through the cell key method. `dims` in the order the lattice is to have them
 * (the lead, if any, comes first).
 */
export function crossTab(pop: Population, dims: CommissioningDimension[], lead?: Lead): Lattice {
  const cols = dims.map((d) => dimensionColumn(pop, d));
  const radix = [...(lead ? [lead.values.length] : []), ...cols.map((c) => c.values.length)];
  if (radix.reduce((a, b) => a * b, 1) > Number.MAX_SAFE_INTEGER) throw new Error('too many combinations for integer keys');
  const base = lead ? lead.values.length : 1;
  const strides: number[] = [];
  let s = base;
  for (const c of cols) {
    strides.push(s);
    s *= c.values.length;
  }
  const counts = new Map<number, number>();
  const keySums = new Map<number, number>();
  const samples = new Map<number, number[]>();
  const n = pop.size;
  const recordKey = pop.recordKey;
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let k = 0; k < cols.length; k++) key += cols[k].codes[i] * strides[k];
    const rk = recordKey[i];
    if (!lead) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      keySums.set(key, (keySums.get(key) ?? 0) + rk);
      continue;
    }
    const childKey = key;
    // A unit (a pathway, a request, a service use) carries its child's record key.
    lead.units(i, (code, sample) => {
      const k = childKey + code;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      keySums.set(k, (keySums.get(k) ?? 0) + rk);
      if (sample !== undefined) {
        let xs = samples.get(k);
        if (!xs) samples.set(k, (xs = []));
        xs.push(sample);
      }
    });
  }
  const lattice = new Lattice(lead ? [lead.name, ...dims] : dims);
  for (const [key, count] of counts) {
    const values: string[] = lead ? [lead.values[key % base]] : [];
    for (let k = 0; k < cols.length; k++) values.push(cols[k].values[Math.floor(key / strides[k]) % cols[k].values.length]);
    lattice.add(values, count, samples.get(key), keySums.get(key));
  }
  return applyCellKey(lattice.build());
}

/** A stable order for any set of dimensions: suppression depends on the set, never on how it was asked. */
export function canonical<D extends string>(dims: Iterable<D>, order: readonly string[] = COMMISSIONING_DIMENSIONS): D[] {
  return [...new Set(dims)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

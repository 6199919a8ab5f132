// One commissioning query's population: each agency's pseudonymised extract, fetched in parallel
// with a fresh nonce and only the fields the query needs, joined by pseudonym in memory. Children
// are numbered in the order first seen and held in columns (a small integer code per child per
// field, and the field's values), so that counting is arithmetic on typed arrays, not string
// keys. Nothing here outlives the request: the extracts are dropped once the measure has counted.
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import {
  EXTRACT_FIELDS,
  lineColumns,
  TIMELINESS_FIELDS,
  type ExtractAgency,
  type ExtractFieldName,
} from '@hub/agency-kit/commissioning/layout';
import { extractField, SECTION_SEPARATOR } from '@hub/agency-kit/commissioning/extract';
import { PeerError } from '@hub/host/peers';
import { type SubgraphContext } from '@hub/host/subgraph';
import { TIMELINESS, type Agency, type HealthService, type Timeliness } from '@hub/schema';

/** Which agencies know a child, as bits. */
export const KNOWN_BY: Record<ExtractAgency, number> = { education: 1, health: 2, 'social-care': 4 };

/** One field over all children: codes[i] indexes values; 0 = the agency does not know child i. */
export interface Column {
  codes: Uint16Array<ArrayBufferLike>;
  /** values[0] is '' (not known). */
  values: string[];
}

export interface CatalogueEntry {
  id: string;
  agency: Agency;
  organisation: string;
  name: string;
  capacity: number;
  serviceArea: string[];
}

export type FieldRequest = { [A in ExtractAgency]?: ExtractFieldName<A>[] };

export interface Population {
  size: number;
  /** KNOWN_BY bits per child. */
  known: Uint8Array;
  /** Each child's persistent record key (0..255) for the cell key method, from whichever agency knows the child. */
  recordKey: Uint8Array;
  /** Line columns by agency and field, for the fields asked for. */
  columns: { [A in ExtractAgency]?: Partial<Record<ExtractFieldName<A>, Column>> };
  /** Commissioned services in use on the date per child (from every agency asked), when asked for. */
  services: (string[] | undefined)[];
  /** Completed pathways in the year to the date per child, when asked for. */
  completedWaits: ([HealthService, number][] | undefined)[];
  /** The final plan counted for the child (issued in the period, or to come), when timeliness was asked for. */
  plan: (Timeliness | undefined)[];
  /** One outcome per request for health advice whose deadline fell in the period. */
  healthAdvice: (Timeliness[] | undefined)[];
  /** One outcome per annual review meeting due in the period, when timeliness was asked for. */
  annualReviews: (Timeliness[] | undefined)[];
  /** One outcome per phase transfer whose review-and-amend deadline fell in the period. */
  phaseTransfers: (Timeliness[] | undefined)[];
  /** The commissioned services catalogue, when asked for. */
  catalogue: CatalogueEntry[];
}

const AGENCIES: ExtractAgency[] = ['education', 'health', 'social-care'];
const SERVICES_FIELD: Record<ExtractAgency, string> = {
  education: 'educationServices',
  health: 'healthServices',
  'social-care': 'socialCareServices',
};

/** Base64 of 64 bits, unpadded (packages/agency-kit/src/commissioning pseudonymSql). */
const PSEUDONYM_LENGTH = 11;

/** Growable code array. */
function grow(a: Uint16Array<ArrayBufferLike>, n: number): Uint16Array<ArrayBufferLike> {
  if (n <= a.length) return a;
  const b = new Uint16Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Joins the extracts (text in EXTRACT_FIELDS layout, with the fields asked for) by pseudonym. */
export function joinExtracts(extracts: Partial<Record<ExtractAgency, string>>, fields: FieldRequest): Omit<Population, 'catalogue'> {
  const index = new Map<string, number>();
  let size = 0;
  let known = new Uint8Array(1024);
  const services: (string[] | undefined)[] = [];
  const completedWaits: ([HealthService, number][] | undefined)[] = [];
  const plan: (Timeliness | undefined)[] = [];
  const healthAdvice: (Timeliness[] | undefined)[] = [];
  const annualReviews: (Timeliness[] | undefined)[] = [];
  const phaseTransfers: (Timeliness[] | undefined)[] = [];
  const outcomes = (digits: string) => [...digits].map((d) => TIMELINESS[Number(d)]);
  const columns: Population['columns'] = {};
  const get = (p: string) => {
    let i = index.get(p);
    if (i === undefined) {
      index.set(p, (i = size++));
      if (size > known.length) {
        const k = new Uint8Array(known.length * 2);
        k.set(known);
        known = k;
      }
    }
    return i;
  };
  for (const agency of AGENCIES) {
    const text = extracts[agency];
    if (text === undefined) continue;
    const [main, timeliness] = text.split(SECTION_SEPARATOR);
    const names = lineColumns(agency, fields[agency] ?? []) as string[];
    // Per line column: codes by child and a dictionary of the values seen.
    const cols = names.map(() => ({
      codes: new Uint16Array(1024) as Uint16Array<ArrayBufferLike>,
      values: [''],
      dict: new Map<string, number>(),
    }));
    const servicesAt = names.indexOf('services');
    const waitsAt = names.indexOf('completedWaits');
    const bit = KNOWN_BY[agency];
    if (main) {
      for (const line of main.split('\n')) {
        if (!names.length) {
          // Pseudonyms only (the agency is asked just who it knows).
          if (line.length !== PSEUDONYM_LENGTH) throw new Error('an extract line does not have the agreed fields');
          const i = get(line); // first: get() may grow `known`
          known[i] |= bit;
          continue;
        }
        const f = line.split('|');
        if (f.length !== names.length + 1) throw new Error('an extract line does not have the agreed fields');
        const i = get(f[0]);
        known[i] |= bit;
        for (let k = 0; k < cols.length; k++) {
          const col = cols[k];
          const v = f[k + 1];
          let code = col.dict.get(v);
          if (code === undefined) {
            col.dict.set(v, (code = col.values.length));
            col.values.push(v);
          }
          if (i >= col.codes.length) col.codes = grow(col.codes, i + 1);
          col.codes[i] = code;
        }
        if (servicesAt >= 0 && f[servicesAt + 1]) {
          const ids = f[servicesAt + 1].split(';');
          const have = services[i];
          services[i] = have ? have.concat(ids) : ids;
        }
        if (waitsAt >= 0 && f[waitsAt + 1]) {
          completedWaits[i] = f[waitsAt + 1].split(';').map((item) => {
            const c = item.indexOf(':');
            return [item.slice(0, c) as HealthService, Number(item.slice(c + 1))];
          });
        }
      }
    }
    if (timeliness) {
      for (const line of timeliness.split('\n')) {
        const f = line.split('|');
        if (f.length !== TIMELINESS_FIELDS.length) throw new Error('a timeliness line does not have the agreed fields');
        const i = get(f[0]);
        if (f[1]) plan[i] = TIMELINESS[Number(f[1])];
        if (f[2]) healthAdvice[i] = outcomes(f[2]);
        if (f[3]) annualReviews[i] = outcomes(f[3]);
        if (f[4]) phaseTransfers[i] = outcomes(f[4]);
      }
    }
    const out: Record<string, Column> = {};
    names.forEach((n, k) => (out[n] = { codes: cols[k].codes, values: cols[k].values }));
    (columns as Record<string, Record<string, Column>>)[agency] = out;
  }
  // Record keys: every agency computes the same key for the same child, so any one of them will do.
  const recordKey = new Uint8Array(size);
  for (const byField of Object.values(columns)) {
    const c = (byField as Record<string, Column>).recordKey;
    if (!c) continue;
    const key = c.values.map(Number);
    for (let i = 0; i < Math.min(size, c.codes.length); i++) if (c.codes[i]) recordKey[i] = key[c.codes[i]];
  }
  // Every column as long as the population (children seen only by later agencies have code 0).
  for (const byField of Object.values(columns))
    for (const [n, c] of Object.entries(byField as Record<string, Column>))
      (byField as Record<string, Column>)[n] = { codes: grow(c.codes, size).subarray(0, size), values: c.values };
  return {
    size,
    known: known.subarray(0, size),
    recordKey,
    columns,
    services,
    completedWaits,
    plan,
    healthAdvice,
    annualReviews,
    phaseTransfers,
  };
}

/** Asks each agency for its extract with the fields needed (and, for capacity, its catalogue) as the commissioner, in parallel. */
export async function loadPopulation(
  ctx: SubgraphContext,
  asAt: string,
  fields: FieldRequest,
  opts: { catalogue?: boolean } = {},
): Promise<Population> {
  const nonce = randomBytes(16).toString('hex');
  const catalogue: CatalogueEntry[] = [];
  const answers = await Promise.all(
    AGENCIES.map(async (agency) => {
      const services = opts.catalogue ? `services: ${SERVICES_FIELD[agency]} { id agency organisation name capacity serviceArea }` : '';
      const asked = (EXTRACT_FIELDS[agency] as readonly string[]).filter((f) => (fields[agency] as string[] | undefined)?.includes(f));
      try {
        const data = await ctx.peers.request<{ extract: string; services?: CatalogueEntry[] }>(
          agency,
          `query($nonce: String!, $asAt: String!, $fields: [String!]) { extract: ${extractField(agency)}(nonce: $nonce, asAt: $asAt, fields: $fields) ${services} }`,
          { nonce, asAt, fields: asked },
          { caller: ctx.caller, requestId: ctx.requestId, purpose: ctx.purpose, timeoutMs: 30_000 },
        );
        catalogue.push(...(data.services ?? []));
        return [agency, data.extract] as const;
      } catch (e) {
        const why = e instanceof PeerError ? e.message : 'unavailable';
        throw new GraphQLError(`the ${agency} extract could not be obtained (${why}), so no figures are given`, {
          extensions: { code: 'AGENCY_UNAVAILABLE', agency },
        });
      }
    }),
  );
  return { ...joinExtracts(Object.fromEntries(answers), fields), catalogue: catalogue.sort((a, b) => a.id.localeCompare(b.id)) };
}

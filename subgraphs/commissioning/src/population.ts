// One commissioning query's population: each agency's pseudonymised extract, fetched in parallel
// with a fresh nonce, joined by pseudonym in memory. Nothing here outlives the request: the
// extracts are dropped as soon as the measure has counted them.
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { EXTRACT_FIELDS, extractField, PeerError, SECTION_SEPARATOR, TIMELINESS_FIELDS, type ExtractAgency, type SubgraphContext } from '@hub/common';
import { AGENCY_COMBINATIONS, HEALTH_SERVICES, TIMELINESS, UNKNOWN, type Agency, type HealthService, type Timeliness } from '@hub/schema';

/** What the three agencies together say about one (pseudonymous) child on the "as at" date. */
export interface ChildFacts {
  education: boolean;
  health: boolean;
  socialCare: boolean;
  ageBand: string;
  /** Education's LA, else social care's. */
  la: string;
  locality: string;
  senStatus: string;
  primarySenType: string;
  placementType: string;
  socialCareStatus: string;
  /** One digit per HEALTH_SERVICES entry (index into WAIT_STATES); all 0 when health does not know the child. */
  waitStates: string;
  /** Completed pathways in the year to the date: [service, days]. */
  completedWaits: [HealthService, number][];
  /** Commissioned services in use on the date, from every agency. */
  services: string[];
  /** The final plan counted for the child in the period (issued, or to come), if any. */
  plan: Timeliness | null;
  /** One outcome per request for health advice whose deadline fell in the period. */
  healthAdvice: Timeliness[];
}

export interface CatalogueEntry {
  id: string;
  agency: Agency;
  organisation: string;
  name: string;
  capacity: number;
  serviceArea: string[];
}

export interface Population {
  children: ChildFacts[];
  /** The commissioned services catalogue, when asked for. */
  catalogue: CatalogueEntry[];
}

const AGENCIES: ExtractAgency[] = ['education', 'health', 'social-care'];
const SERVICES_FIELD: Record<ExtractAgency, string> = { education: 'educationServices', health: 'healthServices', 'social-care': 'socialCareServices' };
const NOT_WAITING = '0'.repeat(HEALTH_SERVICES.length);

const NONE: never[] = [];

/** A child no agency has described yet. Empty lists are shared (replaced, never pushed to, when filled). */
function blank(): ChildFacts {
  return {
    education: false, health: false, socialCare: false,
    ageBand: UNKNOWN, la: UNKNOWN, locality: UNKNOWN, senStatus: UNKNOWN, primarySenType: UNKNOWN, placementType: UNKNOWN,
    socialCareStatus: 'NOT_KNOWN', waitStates: NOT_WAITING, completedWaits: NONE, services: NONE, plan: null, healthAdvice: NONE,
  };
}

export function agenciesOf(c: ChildFacts): (typeof AGENCY_COMBINATIONS)[number] {
  return [c.education && 'E', c.health && 'H', c.socialCare && 'S'].filter(Boolean).join('+') as (typeof AGENCY_COMBINATIONS)[number];
}

/** Joins the three extracts (text in EXTRACT_FIELDS layout) by pseudonym. */
export function joinExtracts(extracts: Record<ExtractAgency, string>): ChildFacts[] {
  const byPseudonym = new Map<string, ChildFacts>();
  const get = (p: string) => {
    let c = byPseudonym.get(p);
    if (!c) byPseudonym.set(p, (c = blank()));
    return c;
  };
  const lines = (text: string, width: number, each: (f: string[]) => void) => {
    if (!text) return;
    for (const line of text.split('\n')) {
      const f = line.split('|');
      if (f.length !== width) throw new Error('an extract line does not have the agreed fields');
      each(f);
    }
  };
  const uses = (c: ChildFacts, ids: string) => {
    if (!ids) return;
    if (!c.services.length) c.services = ids.split(';');
    else for (const id of ids.split(';')) c.services.push(id);
  };
  const [education, timeliness = ''] = extracts.education.split(SECTION_SEPARATOR);
  lines(education, EXTRACT_FIELDS.education.length, (f) => {
    const c = get(f[0]);
    c.education = true;
    c.ageBand = f[1];
    c.la = f[2];
    c.locality = f[3];
    c.senStatus = f[4];
    c.primarySenType = f[5];
    c.placementType = f[6];
    uses(c, f[7]);
  });
  lines(timeliness, TIMELINESS_FIELDS.length, (f) => {
    const c = get(f[0]);
    if (f[1]) c.plan = TIMELINESS[Number(f[1])];
    if (f[2]) c.healthAdvice = [...f[2]].map((d) => TIMELINESS[Number(d)]);
  });
  lines(extracts.health, EXTRACT_FIELDS.health.length, (f) => {
    const c = get(f[0]);
    c.health = true;
    c.waitStates = f[1];
    if (f[2]) {
      c.completedWaits = [];
      for (const item of f[2].split(';')) {
        const i = item.indexOf(':');
        c.completedWaits.push([item.slice(0, i) as HealthService, Number(item.slice(i + 1))]);
      }
    }
    uses(c, f[3]);
  });
  lines(extracts['social-care'], EXTRACT_FIELDS['social-care'].length, (f) => {
    const c = get(f[0]);
    c.socialCare = true;
    c.socialCareStatus = f[2];
    if (!c.education) c.la = f[1];
    uses(c, f[3]);
  });
  return [...byPseudonym.values()];
}

/** Asks each agency for its extract (and, for capacity, its catalogue) as the commissioner, in parallel. */
export async function loadPopulation(ctx: SubgraphContext, asAt: string, opts: { catalogue?: boolean } = {}): Promise<Population> {
  const nonce = randomBytes(16).toString('hex');
  const catalogue: CatalogueEntry[] = [];
  const answers = await Promise.all(
    AGENCIES.map(async (agency) => {
      const services = opts.catalogue ? `services: ${SERVICES_FIELD[agency]} { id agency organisation name capacity serviceArea }` : '';
      try {
        const data = await ctx.peers.request<{ extract: string; services?: CatalogueEntry[] }>(
          agency,
          `query($nonce: String!, $asAt: String!) { extract: ${extractField(agency)}(nonce: $nonce, asAt: $asAt) ${services} }`,
          { nonce, asAt },
          { caller: ctx.caller, requestId: ctx.requestId, purpose: ctx.purpose, timeoutMs: 30_000 },
        );
        catalogue.push(...(data.services ?? []));
        return [agency, data.extract] as const;
      } catch (e) {
        const why = e instanceof PeerError ? e.message : 'unavailable';
        throw new GraphQLError(`the ${agency} extract could not be obtained (${why}), so no figures are given`, { extensions: { code: 'AGENCY_UNAVAILABLE', agency } });
      }
    }),
  );
  return { children: joinExtracts(Object.fromEntries(answers) as Record<ExtractAgency, string>), catalogue: catalogue.sort((a, b) => a.id.localeCompare(b.id)) };
}

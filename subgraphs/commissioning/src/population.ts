// One commissioning query's population: each agency's pseudonymised extract, fetched in parallel
// with a fresh nonce, joined by pseudonym in memory. Nothing here outlives the request: the
// extracts are dropped as soon as the measure has counted them.
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { EXTRACT_FIELDS, extractField, PeerError, type ExtractAgency, type SubgraphContext } from '@hub/common';
import { AGENCY_COMBINATIONS, HEALTH_SERVICES, UNKNOWN, type Agency, type HealthService } from '@hub/schema';

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

function blank(): ChildFacts {
  return {
    education: false, health: false, socialCare: false,
    ageBand: UNKNOWN, la: UNKNOWN, locality: UNKNOWN, senStatus: UNKNOWN, primarySenType: UNKNOWN, placementType: UNKNOWN,
    socialCareStatus: 'NOT_KNOWN', waitStates: NOT_WAITING, completedWaits: [], services: [],
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
    if (ids) for (const id of ids.split(';')) c.services.push(id);
  };
  lines(extracts.education, EXTRACT_FIELDS.education.length, ([p, ageBand, la, locality, senStatus, primary, placement, ids]) => {
    const c = get(p);
    c.education = true;
    Object.assign(c, { ageBand, la, locality, senStatus, primarySenType: primary, placementType: placement });
    uses(c, ids);
  });
  lines(extracts.health, EXTRACT_FIELDS.health.length, ([p, states, done, ids]) => {
    const c = get(p);
    c.health = true;
    c.waitStates = states;
    if (done) for (const item of done.split(';')) {
      const [service, days] = item.split(':');
      c.completedWaits.push([service as HealthService, Number(days)]);
    }
    uses(c, ids);
  });
  lines(extracts['social-care'], EXTRACT_FIELDS['social-care'].length, ([p, la, status, ids]) => {
    const c = get(p);
    c.socialCare = true;
    c.socialCareStatus = status;
    if (!c.education) c.la = la;
    uses(c, ids);
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

// Ground truth for the commissioning tests, recounted straight from the generator's children
// (as stored: StorageMapper applies the databases' constraints), without any of the commissioning
// service's code: its own age bands, its own wait rules, its own percentiles.
import { addDays, ageOn, daysBetween, evaluateAssessment } from '@hub/schema';
import { CATALOGUE, StorageMapper, type PopulationChild } from '@hub/seed';

export const AS_AT = '2026-09-30';
const SERVICES = ['SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_PAEDIATRICS'] as const;

export type Truth = Record<string, any> & { completed: [string, number][]; uses: string[]; plan: string | null; healthAdvice: string[] };

function band(age: number): string {
  if (age <= 4) return 'AGE_0_4';
  if (age <= 10) return 'AGE_5_10';
  if (age <= 15) return 'AGE_11_15';
  if (age <= 19) return 'AGE_16_19';
  if (age <= 25) return 'AGE_20_25';
  return 'AGE_26_PLUS';
}

const open = (p: { startDate: string; endDate: string | null }, on: string) => p.startDate <= on && (p.endDate === null || p.endDate >= on);

export function truthOf(c: PopulationChild, on = AS_AT): Truth {
  const e = c.education,
    h = c.health,
    s = c.socialCare;
  const t: Truth = {
    AGE_BAND: e ? band(ageOn(c.dateOfBirth, on)) : 'UNKNOWN',
    LA: e || s ? c.laCode : 'UNKNOWN',
    LOCALITY: e ? c.postcodeDistrict : 'UNKNOWN',
    AGENCIES: [e && 'E', h && 'H', s && 'S'].filter(Boolean).join('+'),
    SEN_STATUS: e ? e.senStatus : 'UNKNOWN',
    PRIMARY_SEN_TYPE: e ? (e.needs[0] ?? 'NONE') : 'UNKNOWN',
    PLACEMENT_TYPE: e
      ? ([...e.placements].filter((p) => open(p, on)).sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0]?.placementType ?? 'NONE')
      : 'UNKNOWN',
    SOCIAL_CARE_STATUS: !s
      ? 'NOT_KNOWN'
      : s.cla.some((p) => open(p, on))
        ? 'CLA'
        : s.cp.some((p) => open(p, on))
          ? 'CP'
          : s.cin.some((p) => open(p, on))
            ? 'CIN'
            : 'KNOWN_NOT_OPEN',
    completed: [],
    uses: [],
    ...timelinessOf(c, on),
  } as Truth;
  for (const svc of SERVICES) {
    let state = 0;
    for (const r of h?.referrals ?? []) {
      if (r.service !== svc) continue;
      const waiting = r.referredOn <= on && (r.firstTreatmentOn === null || r.firstTreatmentOn > on);
      if (waiting) state = Math.max(state, daysBetween(r.referredOn, on) > 126 ? 2 : 1);
    }
    t[`WAIT_${svc}`] = ['NOT_WAITING', 'WAITING_UP_TO_18_WEEKS', 'WAITING_OVER_18_WEEKS'][state];
  }
  for (const r of h?.referrals ?? []) {
    if (r.firstTreatmentOn !== null && r.firstTreatmentOn <= on && r.firstTreatmentOn > addDays(on, -365))
      t.completed.push([r.service, daysBetween(r.referredOn, r.firstTreatmentOn)]);
  }
  const agencyOf = new Map(CATALOGUE.map((x) => [x.id, x.agency]));
  const has = { EDUCATION: !!e, HEALTH: !!h, SOCIAL_CARE: !!s };
  for (const u of [...(e?.services ?? []), ...(h?.services ?? []), ...(s?.services ?? [])]) {
    if (has[agencyOf.get(u.serviceId)!] && open(u, on)) t.uses.push(u.serviceId);
  }
  return t;
}

/**
 * EHC timeliness as the LA's clock judged it on the date: only the rule comes from ehc-clock
 * (evaluateAssessment); what had happened by the date, the period and the choice of assessment are
 * worked out here. Plan: the latest assessment (by request) whose final plan was issued in the
 * year to the date, or still to come on the date. Advice: each request for health advice whose
 * deadline (6 weeks after the request) fell in that year, received by then or overdue.
 */
function timelinessOf(c: PopulationChild, on: string): { plan: string | null; healthAdvice: string[] } {
  const yearAgo = addDays(on, -365);
  const known = (d: string | null) => (d !== null && d <= on ? d : null);
  let plan: string | null = null;
  const healthAdvice: string[] = [];
  const assessments = [...(c.education?.assessments ?? [])].sort((a, b) => (a.requestReceivedOn < b.requestReceivedOn ? -1 : 1));
  for (const a of assessments) {
    if (a.requestReceivedOn > on) continue;
    const decided = known(a.decidedOn);
    const health = a.adviceRequests.filter((r) => r.adviceType === 'HEALTH' && r.requestedOn <= on);
    const clock = evaluateAssessment(
      {
        requestReceivedOn: a.requestReceivedOn,
        decision: decided ? a.decision : 'A',
        decidedOn: decided,
        draftIssuedOn: known(a.draftIssuedOn),
        finalIssuedOn: known(a.finalIssuedOn),
        notIssuedNoticeOn: known(a.notIssuedNoticeOn),
        withdrawnOn: known(a.withdrawnOn),
        exceptions: a.exceptions,
        adviceRequests: health.map((r) => ({
          id: r.id,
          adviceType: r.adviceType,
          requestedOn: r.requestedOn,
          receivedOn: r.existing ? null : known(r.receivedOn),
          sufficientExisting: r.existing !== null,
        })),
      },
      on,
    );
    const t = clock.finalPlan.timeliness;
    const issued = known(a.finalIssuedOn);
    if ((issued !== null && issued > yearAgo) || ['NOT_YET_DUE', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION'].includes(t)) plan = t;
    health.forEach((r, i) => {
      const due = addDays(r.requestedOn, 42);
      const outcome = clock.advice[i].timeliness;
      if (due > yearAgo && due <= on && outcome !== 'NOT_YET_DUE' && outcome !== 'NOT_APPLICABLE') healthAdvice.push(outcome);
    });
  }
  return { plan, healthAdvice };
}

/** The children as the databases hold them. */
export function stored(children: PopulationChild[]): PopulationChild[] {
  const m = new StorageMapper();
  return children.map((c) => m.map(c));
}

/** Children matching every (dimension, value) given; TOTAL matches anything. */
export function countWhere(truths: Truth[], where: Record<string, string>): number {
  return truths.filter((t) => Object.entries(where).every(([d, v]) => v === 'TOTAL' || t[d] === v)).length;
}

export function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
}

export function p90(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.ceil(0.9 * a.length) - 1];
}

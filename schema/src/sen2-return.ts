// The SEN2 return (DfE statutory collection, each January): pure. The LA's education data go in,
// the return's data items and the validation issues come out. Education loads the rows
// (subgraphs/education/src/sen2/) and the graph shows the result.
//
// Scope, as the hub reads the SEN2 guide:
//   - census date: the third Thursday of January; the reference period is the previous calendar year;
//   - Requests: every request for an EHC needs assessment received in the reference period, with the
//     request outcome (Y assess, N not, A not yet decided, W withdrawn) and its date;
//   - Assessment: for requests assessed, the assessment outcome (Y plan issued, N no plan, A not yet,
//     W withdrawn) and date, and whether a 20-week exception applied;
//   - NamedPlan: plans made (first final issue) or ceased in the reference period, ceased ones with
//     the SEN2 cease reason (1..9) and date;
//   - ActivePlans: plans in force on the census date, with ranked SEN needs (SEN2 types, never NSA)
//     and the placements open on the census date (URN / UKPRN or SEN2 setting code);
//   - Person: every child in any module.
// Validation rules carry the hub's codes (SEN2-Pnn person, Rnn request, Ann assessment, Nnn plan);
// each states the DfE rule it implements in words (docs/plans.md lists them).
import { addDays, ageOn, daysBetween } from './dates';
import { CEASE_REASONS, isCode, SEN2_SETTING_CODES, SEN_TYPES } from './codes';
import { upnProblem } from './identifiers';

export interface Sen2SourceAssessment {
  id: string;
  requestReceivedOn: string;
  decision: 'Y' | 'N' | 'A';
  decidedOn: string | null;
  withdrawnOn: string | null;
  finalIssuedOn: string | null;
  notIssuedNoticeOn: string | null;
  /** Any exception to the time limits was recorded. */
  hadException: boolean;
}

export interface Sen2SourcePlan {
  id: string;
  /** The plan was made (first final issue), or, for a plan still in draft, null. */
  madeOn: string | null;
  status: 'DRAFT' | 'FINAL' | 'CEASED';
  ceasedOn: string | null;
  ceaseReason: string | null;
}

/**
 * A ranked SEN need as a source holds it. Any code by default, so that rule SEN2-N04 can find one that
 * is not a SEN type (a received return); a source whose store admits only SEN types says so (`T`), and
 * the return it builds keeps that type.
 */
export interface Sen2Need<T extends string = string> {
  rank: number;
  senType: T;
}

export interface Sen2SourceChild<T extends string = string> {
  childId: string;
  upn: string | null;
  uln: string | null;
  surname: string;
  forename: string;
  dateOfBirth: string;
  postcodeDistrict: string;
  needs: Sen2Need<T>[];
  placements: { urn: string | null; settingCode: string | null; placementType: string; startDate: string; endDate: string | null }[];
  assessments: Sen2SourceAssessment[];
  plans: Sen2SourcePlan[];
}

export interface Sen2Request {
  requestReceivedOn: string;
  requestOutcome: 'Y' | 'N' | 'A' | 'W';
  requestOutcomeDate: string | null;
  assessmentOutcome: 'Y' | 'N' | 'A' | 'W' | null;
  assessmentOutcomeDate: string | null;
  twentyWeekException: boolean | null;
}

export interface Sen2NamedPlan {
  startDate: string | null;
  ceaseDate: string | null;
  ceaseReason: string | null;
}

export interface Sen2ActivePlan<T extends string = string> {
  startDate: string;
  needs: Sen2Need<T>[];
  placements: { urn: string | null; settingCode: string | null; placementType: string; startDate: string }[];
}

export interface Sen2ChildReturn<T extends string = string> {
  childId: string;
  person: { upn: string | null; uln: string | null; surname: string; forename: string; dateOfBirth: string; postcodeDistrict: string };
  requests: Sen2Request[];
  namedPlans: Sen2NamedPlan[];
  activePlan: Sen2ActivePlan<T> | null;
}

export type Sen2Severity = 'ERROR' | 'QUERY';

export interface Sen2Issue {
  rule: string;
  severity: Sen2Severity;
  message: string;
  childId: string;
}

/** The validation rules the hub implements: code, severity, what the DfE rule checks. */
export const SEN2_RULES = {
  'SEN2-P01': { severity: 'ERROR', message: 'UPN fails the check letter' },
  'SEN2-P02': { severity: 'QUERY', message: 'person of compulsory school age with an active plan has neither UPN nor ULN' },
  'SEN2-P03': { severity: 'ERROR', message: 'person with an active plan is 25 or over on the census date' },
  'SEN2-R01': { severity: 'ERROR', message: 'request outcome date is before the request was received' },
  'SEN2-R02': { severity: 'QUERY', message: 'request still awaiting a decision more than 6 weeks after it was received (reg 5)' },
  'SEN2-A01': { severity: 'ERROR', message: 'assessment outcome date is before the request outcome date' },
  'SEN2-A02': { severity: 'QUERY', message: 'plan issued more than 20 weeks after the request with no exception recorded (reg 13(2))' },
  'SEN2-N01': { severity: 'ERROR', message: 'active plan has no primary SEN need' },
  'SEN2-N02': { severity: 'ERROR', message: 'active plan has no placement on the census date' },
  'SEN2-N03': { severity: 'ERROR', message: 'ceased plan lacks a cease date or a cease reason 1..9' },
  'SEN2-N04': { severity: 'ERROR', message: 'SEN need type is not a SEN2 type (NSA is school census only)' },
  'SEN2-N05': { severity: 'ERROR', message: 'placement has neither a URN/UKPRN nor a SEN2 setting code' },
} as const satisfies Record<string, { severity: Sen2Severity; message: string }>;
export type Sen2Rule = keyof typeof SEN2_RULES;

/** The SEN2 census date of a collection year: the third Thursday of January. */
export function sen2CensusDate(year: number): string {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 0 Sunday .. 4 Thursday
  const firstThursday = 1 + ((4 - jan1 + 7) % 7);
  return `${year}-01-${String(firstThursday + 14).padStart(2, '0')}`;
}

export function sen2CensusDateProblem(censusDate: string): string | null {
  const year = Number(censusDate.slice(0, 4));
  return sen2CensusDate(year) === censusDate
    ? null
    : `must be the SEN2 census date, the third Thursday of January (${sen2CensusDate(year)} in ${year})`;
}

export interface Sen2Return<T extends string = string> {
  laCode: string;
  censusDate: string;
  periodStart: string;
  periodEnd: string;
  children: Sen2ChildReturn<T>[];
  issues: Sen2Issue[];
  counts: { persons: number; requests: number; assessments: number; namedPlans: number; ceasedPlans: number; activePlans: number };
}

const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

function request(a: Sen2SourceAssessment, censusDate: string): Sen2Request {
  const by = (d: string | null) => (d !== null && d <= censusDate ? d : null);
  const withdrawn = by(a.withdrawnOn);
  const decidedOn = by(a.decidedOn);
  const requestOutcome = decidedOn !== null ? a.decision : withdrawn !== null ? 'W' : 'A';
  let assessmentOutcome: Sen2Request['assessmentOutcome'] = null;
  let assessmentOutcomeDate: string | null = null;
  if (requestOutcome === 'Y') {
    const final = by(a.finalIssuedOn);
    const notice = by(a.notIssuedNoticeOn);
    if (final) [assessmentOutcome, assessmentOutcomeDate] = ['Y', final];
    else if (notice) [assessmentOutcome, assessmentOutcomeDate] = ['N', notice];
    else if (withdrawn) [assessmentOutcome, assessmentOutcomeDate] = ['W', withdrawn];
    else assessmentOutcome = 'A';
  }
  return {
    requestReceivedOn: a.requestReceivedOn,
    requestOutcome,
    requestOutcomeDate: requestOutcome === 'W' ? withdrawn : decidedOn,
    assessmentOutcome,
    assessmentOutcomeDate,
    twentyWeekException: assessmentOutcome === 'Y' ? a.hadException : null,
  };
}

/** Builds the return for one LA and census date from the LA's education records. */
export function buildSen2Return<T extends string = string>(
  laCode: string,
  censusDate: string,
  source: readonly Sen2SourceChild<T>[],
): Sen2Return<T> {
  const year = Number(censusDate.slice(0, 4));
  const periodStart = `${year - 1}-01-01`;
  const periodEnd = `${year - 1}-12-31`;
  const children: Sen2ChildReturn<T>[] = [];
  const issues: Sen2Issue[] = [];
  const flag = (rule: Sen2Rule, childId: string) =>
    issues.push({ rule, severity: SEN2_RULES[rule].severity, message: SEN2_RULES[rule].message, childId });
  for (const c of [...source].sort((a, b) => (a.childId < b.childId ? -1 : 1))) {
    const requests = c.assessments
      .filter((a) => within(a.requestReceivedOn, periodStart, periodEnd))
      .sort((a, b) => (a.requestReceivedOn < b.requestReceivedOn ? -1 : 1))
      .map((a) => ({ a, r: request(a, censusDate) }));
    const namedPlans = c.plans
      .filter((p) => within(p.madeOn, periodStart, periodEnd) || within(p.ceasedOn, periodStart, periodEnd))
      .map((p) => ({
        startDate: p.madeOn,
        ceaseDate: p.status === 'CEASED' && within(p.ceasedOn, periodStart, censusDate) ? p.ceasedOn : null,
        ceaseReason: p.status === 'CEASED' && within(p.ceasedOn, periodStart, censusDate) ? p.ceaseReason : null,
      }));
    const active = c.plans.find(
      (p) =>
        p.madeOn !== null &&
        p.madeOn <= censusDate &&
        (p.ceasedOn === null || p.ceasedOn > censusDate) &&
        (p.status !== 'CEASED' || p.ceasedOn !== null),
    );
    const activePlan: Sen2ActivePlan<T> | null = active
      ? {
          startDate: active.madeOn!,
          needs: [...c.needs].sort((a, b) => a.rank - b.rank),
          placements: c.placements
            .filter((p) => p.startDate <= censusDate && (p.endDate === null || p.endDate >= censusDate))
            .map(({ urn, settingCode, placementType, startDate }) => ({ urn, settingCode, placementType, startDate })),
        }
      : null;
    if (!requests.length && !namedPlans.length && !activePlan) continue;
    children.push({
      childId: c.childId,
      person: {
        upn: c.upn,
        uln: c.uln,
        surname: c.surname,
        forename: c.forename,
        dateOfBirth: c.dateOfBirth,
        postcodeDistrict: c.postcodeDistrict,
      },
      requests: requests.map((x) => x.r),
      namedPlans,
      activePlan,
    });
    if (c.upn !== null && upnProblem(c.upn)) flag('SEN2-P01', c.childId);
    for (const { a, r } of requests) {
      if (r.requestOutcomeDate !== null && r.requestOutcomeDate < r.requestReceivedOn) flag('SEN2-R01', c.childId);
      if (r.requestOutcome === 'A' && daysBetween(r.requestReceivedOn, censusDate) > 42) flag('SEN2-R02', c.childId);
      if (r.assessmentOutcomeDate !== null && r.requestOutcomeDate !== null && r.assessmentOutcomeDate < r.requestOutcomeDate)
        flag('SEN2-A01', c.childId);
      if (r.assessmentOutcome === 'Y' && r.assessmentOutcomeDate! > addDays(a.requestReceivedOn, 140) && !a.hadException)
        flag('SEN2-A02', c.childId);
    }
    for (const p of c.plans) {
      const reported = within(p.madeOn, periodStart, periodEnd) || within(p.ceasedOn, periodStart, periodEnd);
      if (reported && p.status === 'CEASED' && (p.ceasedOn === null || !isCode(CEASE_REASONS, p.ceaseReason))) flag('SEN2-N03', c.childId);
    }
    if (activePlan) {
      const age = ageOn(c.dateOfBirth, censusDate);
      if (c.upn === null && c.uln === null && age >= 5 && age < 16) flag('SEN2-P02', c.childId);
      if (age >= 25) flag('SEN2-P03', c.childId);
      if (!activePlan.needs.some((n) => n.rank === 1)) flag('SEN2-N01', c.childId);
      if (activePlan.needs.some((n) => !isCode(SEN_TYPES, n.senType))) flag('SEN2-N04', c.childId);
      if (!activePlan.placements.length) flag('SEN2-N02', c.childId);
      if (
        activePlan.placements.some(
          (p) => (p.urn === null) === (p.settingCode === null) || (p.settingCode !== null && !isCode(SEN2_SETTING_CODES, p.settingCode)),
        )
      )
        flag('SEN2-N05', c.childId);
    }
  }
  return {
    laCode,
    censusDate,
    periodStart,
    periodEnd,
    children,
    issues,
    counts: {
      persons: children.length,
      requests: children.reduce((n, c) => n + c.requests.length, 0),
      assessments: children.reduce((n, c) => n + c.requests.filter((r) => r.assessmentOutcome !== null).length, 0),
      namedPlans: children.reduce(
        (n, c) => n + c.namedPlans.filter((p) => p.startDate !== null && within(p.startDate, periodStart, periodEnd)).length,
        0,
      ),
      ceasedPlans: children.reduce((n, c) => n + c.namedPlans.filter((p) => within(p.ceaseDate, periodStart, periodEnd)).length, 0),
      activePlans: children.filter((c) => c.activePlan !== null).length,
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, v: string | number | boolean | null | undefined) =>
  v === null || v === undefined ? '' : `<${name}>${esc(String(v))}</${name}>`;

/** The return's XML envelope (no personal data): the header, and the closing tags. */
export function sen2XmlEnvelope(r: Pick<Sen2Return, 'laCode' | 'censusDate'>): { header: string; footer: string } {
  const header = `<?xml version="1.0" encoding="UTF-8"?><Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>${r.censusDate.slice(0, 4)}</Year><ReferenceDate>${r.censusDate}</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>${esc(r.laCode)}</LEA></Source></Header><Persons>`;
  return { header, footer: '</Persons></Message>' };
}

/** One child's part of the XML: personal data, shown only where the guard permits. */
export function sen2ChildXml(c: Sen2ChildReturn): string {
  const p = c.person;
  const person = `${el('Surname', p.surname)}${el('Forename', p.forename)}${el('PersonBirthDate', p.dateOfBirth)}${el('UPN', p.upn)}${el('UniqueLearnerNumber', p.uln)}${el('PostcodeDistrict', p.postcodeDistrict)}`;
  const requests = c.requests
    .map(
      (r) =>
        `<Requests>${el('ReceivedDate', r.requestReceivedOn)}${el('RequestOutcome', r.requestOutcome)}${el('RequestOutcomeDate', r.requestOutcomeDate)}${r.assessmentOutcome ? `<Assessment>${el('AssessmentOutcome', r.assessmentOutcome)}${el('AssessmentOutcomeDate', r.assessmentOutcomeDate)}${el('TwentyWeekTimeExcp', r.twentyWeekException === null ? null : r.twentyWeekException ? 1 : 0)}</Assessment>` : ''}</Requests>`,
    )
    .join('');
  const named = c.namedPlans
    .map((n) => `<NamedPlan>${el('StartDate', n.startDate)}${el('CeaseDate', n.ceaseDate)}${el('CeaseReason', n.ceaseReason)}</NamedPlan>`)
    .join('');
  const a = c.activePlan;
  const active = a
    ? `<ActivePlans>${el('StartDate', a.startDate)}${a.needs.map((n) => `<SENneed>${el('SENtype', n.senType)}${el('SENtypeRank', n.rank)}</SENneed>`).join('')}${a.placements.map((pl, i) => `<Placement>${el('URN', pl.urn)}${el('SENsetting', pl.settingCode)}${el('PlacementType', pl.placementType)}${el('PlacementRank', i + 1)}${el('EntryDate', pl.startDate)}</Placement>`).join('')}</ActivePlans>`
    : '';
  return `<Person>${person}${requests}${named}${active}</Person>`;
}

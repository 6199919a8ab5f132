// Checks a read SEN2 return before anything is written. Two kinds of rule:
//   - the return's own validation rules (SEN2-P/R/A/Nnn, schema/src/sen2-return.ts): the records are
//     rebuilt as the return's source and run through buildSen2Return, so the rules the hub applies to
//     the return it writes are exactly the ones it applies to a return it receives (one copy of each);
//   - what the XSD enforces or the hub's model needs (SEN2-IN-*): dates, codes, keys, consistency.
// Every problem names the Person's position and the field, never the value. QUERY rules are warnings.
import { IssueList } from '@hub/ingest/issues';
import {
  buildSen2Return,
  CEASE_REASONS,
  isCode,
  isoDateProblem,
  laCodeProblem,
  normaliseUpn,
  PLACEMENT_TYPES,
  sen2CensusDateProblem,
  upnProblem,
  type PlacementType,
  type Sen2SourceChild,
} from '@hub/schema';
import type { RawPerson, RawSen2 } from './reader';

export interface AssessmentIn {
  sourceId: string;
  requestReceivedOn: string;
  decision: 'Y' | 'N' | 'A';
  decidedOn: string | null;
  withdrawnOn: string | null;
  finalIssuedOn: string | null;
  notIssuedNoticeOn: string | null;
  twentyWeekException: boolean | null;
}
export interface PlanIn {
  sourceId: string;
  issuedOn: string;
  status: 'FINAL' | 'CEASED';
  ceasedOn: string | null;
  ceaseReason: string | null;
}
export interface PlacementIn {
  sourceId: string;
  urn: string | null;
  settingCode: string | null;
  placementType: PlacementType;
  startDate: string;
}
export interface NeedIn {
  sourceId: string;
  rank: number;
  senType: string;
}
export interface PersonIn {
  record: number;
  sourceId: string;
  upn: string;
  uln: string | null;
  surname: string;
  forename: string;
  dateOfBirth: string;
  postcodeDistrict: string;
  active: boolean;
  assessments: AssessmentIn[];
  plans: PlanIn[];
  needs: NeedIn[];
  placements: PlacementIn[];
}

export interface CheckedSen2 {
  submissionId: string;
  laCode: string;
  censusDate: string;
  persons: PersonIn[];
  /** Persons without a UPN: the hub keys SEN2 persons on it, so they are reported and not ingested. */
  skipped: number;
  issues: IssueList;
}

const RT = 'Person';
const POSTCODE_DISTRICT = /^[A-Z]{1,2}[0-9][0-9A-Z]?$/;
const ULN = /^[0-9]{10}$/;
const URN = /^[0-9]{6,8}$/;
const OUTCOMES = ['Y', 'N', 'A', 'W'] as const;

/** Which field of the Person each return rule is about, for the report. */
const RULE_FIELD: Record<string, string> = { P: 'Person', R: 'Requests', A: 'Requests.Assessment', N: 'ActivePlans' };

function checkPerson(
  p: RawPerson,
  record: number,
  la: string,
  censusDate: string,
  issues: IssueList,
): { person: PersonIn; source: Sen2SourceChild } | null {
  let ok = true;
  const err = (field: string, code: string, message: string) => {
    ok = false;
    issues.error(record, RT, field, code, message);
  };
  const date = (field: string, v: string | null, required: boolean): string | null => {
    if (v === null) {
      if (required) err(field, 'SEN2-IN-REQUIRED', 'is required');
      return null;
    }
    const problem = isoDateProblem(v);
    if (problem) err(field, 'SEN2-IN-DATE', `${problem} (SEN2 dates are YYYY-MM-DD)`);
    else if (v > censusDate) err(field, 'SEN2-IN-AFTER-CENSUS', 'is after the census date (Header ReferenceDate)');
    return problem ? null : v;
  };
  const year = Number(censusDate.slice(0, 4));
  const periodStart = `${year - 1}-01-01`;
  const periodEnd = `${year - 1}-12-31`;
  const upn = normaliseUpn(p.UPN!);
  const key = `${la}/${upn}`;
  if (!p.Surname) err('Surname', 'SEN2-IN-REQUIRED', 'is required');
  if (!p.Forename) err('Forename', 'SEN2-IN-REQUIRED', 'is required');
  const dob = date('PersonBirthDate', p.PersonBirthDate, true);
  if (p.UniqueLearnerNumber !== null && !ULN.test(p.UniqueLearnerNumber)) err('UniqueLearnerNumber', 'SEN2-IN-ULN', 'must be 10 digits');
  if (!p.PostcodeDistrict || !POSTCODE_DISTRICT.test(p.PostcodeDistrict))
    err('PostcodeDistrict', 'SEN2-IN-POSTCODE', 'must be a postcode district (outward code, e.g. CB4)');

  const assessments: AssessmentIn[] = [];
  const received = new Set<string>();
  p.requests.forEach((r, j) => {
    const f = (x: string) => `Requests[${j}].${x}`;
    const on = date(f('ReceivedDate'), r.ReceivedDate, true);
    if (on && (on < periodStart || on > periodEnd))
      err(
        f('ReceivedDate'),
        'SEN2-IN-PERIOD',
        'a request in the return was received in the reference period (the calendar year before the census)',
      );
    if (on && received.has(on)) err(f('ReceivedDate'), 'SEN2-IN-DUPLICATE', 'two requests received on the same day for one person');
    if (on) received.add(on);
    const outcome = r.RequestOutcome;
    if (!outcome || !(OUTCOMES as readonly string[]).includes(outcome))
      return err(f('RequestOutcome'), 'SEN2-IN-CODE', `must be one of ${OUTCOMES.join(', ')}`);
    const outcomeOn = date(f('RequestOutcomeDate'), r.RequestOutcomeDate, outcome !== 'A');
    if (outcome === 'A' && r.RequestOutcomeDate !== null)
      err(f('RequestOutcomeDate'), 'SEN2-IN-CONSISTENT', 'a request not yet decided has no outcome date');
    if ((outcome === 'Y') !== (r.assessment !== null))
      err(f('Assessment'), 'SEN2-IN-CONSISTENT', 'an Assessment is given exactly when the request outcome is Y');
    const a = r.assessment;
    let final: string | null = null,
      notice: string | null = null,
      withdrawn = outcome === 'W' ? outcomeOn : null,
      exception: boolean | null = null;
    if (outcome === 'Y' && a) {
      const ao = a.AssessmentOutcome;
      if (!ao || !(OUTCOMES as readonly string[]).includes(ao))
        err(f('Assessment.AssessmentOutcome'), 'SEN2-IN-CODE', `must be one of ${OUTCOMES.join(', ')}`);
      const aon = date(f('Assessment.AssessmentOutcomeDate'), a.AssessmentOutcomeDate, ao !== 'A');
      if (ao === 'Y') final = aon;
      else if (ao === 'N') notice = aon;
      else if (ao === 'W') withdrawn = aon;
      if (ao === 'Y') {
        if (a.TwentyWeekTimeExcp !== '0' && a.TwentyWeekTimeExcp !== '1')
          err(f('Assessment.TwentyWeekTimeExcp'), 'SEN2-IN-CODE', 'must be 0 or 1 when a plan was issued');
        exception = a.TwentyWeekTimeExcp === '1';
      }
    }
    if (on)
      assessments.push({
        sourceId: `${key}/request/${on}`,
        requestReceivedOn: on,
        decision: outcome === 'W' ? 'A' : (outcome as 'Y' | 'N' | 'A'),
        decidedOn: outcome === 'Y' || outcome === 'N' ? outcomeOn : null,
        withdrawnOn: withdrawn,
        finalIssuedOn: final,
        notIssuedNoticeOn: notice,
        twentyWeekException: exception,
      });
  });

  // Plans by start date: a NamedPlan and the ActivePlans entry with the same start are the same plan.
  const plans = new Map<string, PlanIn>();
  p.namedPlans.forEach((n, j) => {
    const f = (x: string) => `NamedPlan[${j}].${x}`;
    const start = date(f('StartDate'), n.StartDate, true);
    const ceased = date(f('CeaseDate'), n.CeaseDate, false);
    if ((n.CeaseDate === null) !== (n.CeaseReason === null))
      err(f('CeaseReason'), 'SEN2-N03', 'a ceased plan has both a cease date and a cease reason 1..9');
    else if (n.CeaseReason !== null && !isCode(CEASE_REASONS, n.CeaseReason))
      err(f('CeaseReason'), 'SEN2-N03', `must be a cease reason ${CEASE_REASONS.join(', ')}`);
    const inPeriod = (d: string | null) => d !== null && d >= periodStart && d <= periodEnd;
    if (start && !inPeriod(start) && !inPeriod(ceased))
      err(f('StartDate'), 'SEN2-IN-PERIOD', 'a named plan was made or ceased in the reference period');
    if (start && ceased && ceased < start) err(f('CeaseDate'), 'SEN2-IN-CONSISTENT', 'a plan cannot cease before it starts');
    if (start && plans.has(start)) err(f('StartDate'), 'SEN2-IN-DUPLICATE', 'two plans starting on the same day for one person');
    if (start)
      plans.set(start, {
        sourceId: `${key}/plan/${start}`,
        issuedOn: start,
        status: ceased ? 'CEASED' : 'FINAL',
        ceasedOn: ceased,
        ceaseReason: ceased ? n.CeaseReason : null,
      });
  });
  if (p.activePlans > 1) err('ActivePlans', 'SEN2-IN-DUPLICATE', 'a person has at most one ActivePlans');
  const a = p.activePlan;
  const needs: NeedIn[] = [];
  const placements: PlacementIn[] = [];
  if (a) {
    const start = date('ActivePlans.StartDate', a.StartDate, true);
    const named = start ? plans.get(start) : undefined;
    if (named?.status === 'CEASED')
      err('ActivePlans.StartDate', 'SEN2-IN-CONSISTENT', 'the active plan is also named as ceased by the census date');
    if (start && !named)
      plans.set(start, { sourceId: `${key}/plan/${start}`, issuedOn: start, status: 'FINAL', ceasedOn: null, ceaseReason: null });
    a.needs.forEach((n, j) => {
      // The hub keeps a primary and a secondary need (ranks 1 and 2), as the school census does.
      if (n.SENtypeRank !== '1' && n.SENtypeRank !== '2')
        err(`ActivePlans.SENneed[${j}].SENtypeRank`, 'SEN2-IN-RANK', 'must be 1 (primary) or 2 (secondary)');
      else if (needs.some((x) => x.rank === Number(n.SENtypeRank)))
        err(`ActivePlans.SENneed[${j}].SENtypeRank`, 'SEN2-IN-DUPLICATE', 'each rank once');
      else if (n.SENtype === null) err(`ActivePlans.SENneed[${j}].SENtype`, 'SEN2-IN-REQUIRED', 'is required');
      else if (needs.some((x) => x.senType === n.SENtype))
        err(`ActivePlans.SENneed[${j}].SENtype`, 'SEN2-IN-DUPLICATE', 'each SEN type once');
      else needs.push({ sourceId: `${key}/need/${n.SENtypeRank}`, rank: Number(n.SENtypeRank), senType: n.SENtype });
    });
    a.placements.forEach((x, j) => {
      const f = (y: string) => `ActivePlans.Placement[${j}].${y}`;
      const entry = date(f('EntryDate'), x.EntryDate, true);
      if (x.URN !== null && !URN.test(x.URN)) err(f('URN'), 'SEN2-IN-URN', 'must be a URN or UKPRN (6 to 8 digits)');
      if (!x.PlacementType || !isCode(PLACEMENT_TYPES, x.PlacementType))
        err(f('PlacementType'), 'SEN2-IN-CODE', `must be one of ${PLACEMENT_TYPES.join(', ')}`);
      else if (entry)
        placements.push({
          sourceId: `${key}/placement/${x.URN ?? x.SENsetting}/${entry}`,
          urn: x.URN,
          settingCode: x.SENsetting,
          placementType: x.PlacementType,
          startDate: entry,
        });
    });
    if (new Set(placements.map((x) => x.sourceId)).size !== placements.length)
      err('ActivePlans.Placement', 'SEN2-IN-DUPLICATE', 'the same setting entered on the same day twice');
  }
  const current = [...plans.values()].filter((x) => x.status === 'FINAL');
  const activeStart = a?.StartDate ?? null;
  if (current.some((x) => x.issuedOn !== activeStart))
    err('NamedPlan', 'SEN2-IN-CONSISTENT', 'a named plan that has not ceased must be the active plan (same StartDate)');
  if (!ok || !dob) return null;
  const person: PersonIn = {
    record,
    sourceId: key,
    upn,
    uln: p.UniqueLearnerNumber,
    surname: p.Surname!,
    forename: p.Forename!,
    dateOfBirth: dob,
    postcodeDistrict: p.PostcodeDistrict!,
    active: !!a,
    assessments,
    plans: [...plans.values()],
    needs,
    placements,
  };
  const source: Sen2SourceChild = {
    childId: String(record).padStart(9, '0'),
    upn,
    uln: person.uln,
    surname: person.surname,
    forename: person.forename,
    dateOfBirth: dob,
    postcodeDistrict: person.postcodeDistrict,
    needs: needs.map(({ rank, senType }) => ({ rank, senType })),
    placements: placements.map(({ urn, settingCode, placementType, startDate }) => ({
      urn,
      settingCode,
      placementType,
      startDate,
      endDate: null,
    })),
    assessments: assessments.map((x) => ({
      id: x.sourceId,
      requestReceivedOn: x.requestReceivedOn,
      decision: x.decision,
      decidedOn: x.decidedOn,
      withdrawnOn: x.withdrawnOn,
      finalIssuedOn: x.finalIssuedOn,
      notIssuedNoticeOn: x.notIssuedNoticeOn,
      hadException: !!x.twentyWeekException,
    })),
    plans: person.plans.map((x) => ({
      id: x.sourceId,
      madeOn: x.issuedOn,
      status: x.status,
      ceasedOn: x.ceasedOn,
      ceaseReason: x.ceaseReason,
    })),
  };
  return { person, source };
}

export function checkSen2(raw: RawSen2): CheckedSen2 {
  const issues = new IssueList();
  const out: CheckedSen2 = { submissionId: '', laCode: '', censusDate: '', persons: [], skipped: 0, issues };
  if (raw.collection !== null && raw.collection !== 'SEN2')
    issues.error(null, 'Header', 'CollectionDetails.Collection', 'SEN2-IN-COLLECTION', 'must be SEN2');
  if (!raw.lea || laCodeProblem(raw.lea))
    issues.error(null, 'Header', 'Source.LEA', 'SEN2-IN-LEA', 'the LA code (Header/Source/LEA) must be 3 digits');
  else out.laCode = raw.lea;
  const ref = raw.referenceDate;
  const refProblem = ref === null ? 'is required' : (isoDateProblem(ref) ?? sen2CensusDateProblem(ref));
  if (refProblem) issues.error(null, 'Header', 'CollectionDetails.ReferenceDate', 'SEN2-IN-CENSUS-DATE', refProblem);
  else out.censusDate = ref!;
  out.submissionId = `SEN2-${out.laCode || 'unknown'}-${out.censusDate || 'unknown'}`;
  if (!raw.persons.length) issues.error(null, 'Persons', 'Person', 'SEN2-IN-EMPTY', 'must hold at least one Person');
  if (!out.laCode || !out.censusDate) return out;
  const seen = new Map<string, number>();
  const seenUln = new Map<string, number>();
  const sources: Sen2SourceChild[] = [];
  raw.persons.forEach((p, i) => {
    if (p.UPN === null) {
      // The hub links SEN2 persons through their UPN; a person without one (under 5, or not known to a school) cannot be linked.
      out.skipped++;
      issues.warning(i, RT, 'UPN', 'SEN2-IN-NO-UPN', 'a person without a UPN is not ingested (the hub keys SEN2 persons on the UPN)');
      return;
    }
    const problem = upnProblem(p.UPN);
    if (problem) return issues.error(i, RT, 'UPN', 'SEN2-P01', `UPN ${problem}`);
    const upn = normaliseUpn(p.UPN);
    if (seen.has(upn))
      return issues.error(i, RT, 'UPN', 'SEN2-IN-DUPLICATE', `the same UPN is on two persons (also Person ${seen.get(upn)}); never merged`);
    seen.set(upn, i);
    const uln = p.UniqueLearnerNumber;
    if (uln !== null && seenUln.has(uln))
      return issues.error(
        i,
        RT,
        'UniqueLearnerNumber',
        'SEN2-IN-DUPLICATE',
        `the same ULN is on two persons (also Person ${seenUln.get(uln)}); never merged`,
      );
    if (uln !== null) seenUln.set(uln, i);
    const checked = checkPerson(p, i, out.laCode, out.censusDate, issues);
    if (checked) {
      out.persons.push(checked.person);
      sources.push(checked.source);
    }
  });
  // The return's own rules, on the records as the hub would hold them.
  for (const hit of buildSen2Return(out.laCode, out.censusDate, sources).issues) {
    const record = Number(hit.childId);
    const field = RULE_FIELD[hit.rule.charAt(5)] ?? 'Person';
    if (hit.severity === 'ERROR') issues.error(record, RT, field, hit.rule, hit.message);
    else issues.warning(record, RT, field, hit.rule, hit.message);
  }
  return out;
}

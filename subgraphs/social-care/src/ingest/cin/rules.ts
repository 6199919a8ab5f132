// The DfE CIN census validation rules the hub applies before anything is written, each under its
// DfE rule number, plus the hub's own checks (CIN-*, for what the DfE's XSD enforces or what the
// hub's model needs). Every problem names the Child element's position and the field, never the
// value (LA child ids, UPNs and dates are personal data). DfE "query" rules are warnings: reported,
// never blocking.
import { IssueList } from '@hub/ingest/issues';
import {
  addDays,
  CIN_CLOSURE_REASONS,
  CIN_DISABILITIES,
  CIN_PRIMARY_NEEDS,
  CP_CATEGORIES,
  isoDateProblem,
  laCodeProblem,
  normaliseUpn,
  upnCheckLetter,
  upnProblem,
  type CinDisability,
  type CinPrimaryNeed,
  type CpCategory,
} from '@hub/schema';
import type { RawCensus, RawChild } from './census';

export interface EpisodeIn {
  record: number;
  sourceId: string;
  startDate: string;
  endDate: string | null;
  primaryNeed: CinPrimaryNeed;
}
export interface PlanIn {
  record: number;
  sourceId: string;
  startDate: string;
  endDate: string | null;
  category: CpCategory;
}
export interface ChildIn {
  record: number;
  laChildId: string;
  upn: string | null;
  disabilities: CinDisability[];
  episodes: EpisodeIn[];
  plans: PlanIn[];
}

export interface CheckedCensus {
  submissionId: string;
  laCode: string;
  children: ChildIn[];
  /** Referrals with no further action (ReferralNFA true): reported by the census, not CIN episodes the hub keeps. */
  skipped: number;
  issues: IssueList;
}

const RT = 'Child';
/** DfE: LAchildID is a string of at most 10 characters; the hub also refuses spaces and control characters. */
export const LA_CHILD_ID = /^[A-Za-z0-9_\-/]{1,10}$/;
const TRUE = new Set(['true', '1']);

function date(issues: IssueList, record: number, field: string, v: string | null): string | null {
  if (v === null) return null;
  const p = isoDateProblem(v);
  if (p) {
    issues.error(record, RT, field, 'CIN-DATE', `${p} (CIN census dates are YYYY-MM-DD)`);
    return null;
  }
  return v;
}

const overlaps = (a: { startDate: string; endDate: string | null }, b: { startDate: string; endDate: string | null }) =>
  // An episode may end on the day the next starts (DfE 8820's note).
  (a.startDate < (b.endDate ?? '9999-12-31') && b.startDate < (a.endDate ?? '9999-12-31')) || a.startDate === b.startDate;

function checkChild(c: RawChild, record: number, referenceDate: string, laCode: string, issues: IssueList): ChildIn | null {
  const at = (field: string) => `ChildIdentifiers.${field}`;
  let ok = true;
  const laChildId = c.LAchildID;
  if (!laChildId) {
    issues.error(record, RT, at('LAchildID'), '8500', 'LA Child ID missing');
    ok = false;
  } else if (!LA_CHILD_ID.test(laChildId)) {
    issues.error(record, RT, at('LAchildID'), 'CIN-LA-CHILD-ID', 'must be 1-10 letters, digits, _ - or /');
    ok = false;
  }
  let upn: string | null = null;
  if (c.UPN) {
    const u = normaliseUpn(c.UPN);
    const p = upnProblem(u);
    if (p && /^[A-Z]\d{11}[A-Z0-9]$/.test(u) && upnCheckLetter(u.slice(1)) !== u[0])
      issues.error(record, RT, at('UPN'), '1510', 'UPN invalid (wrong check letter at character 1)');
    else if (p && /^[A-Z]\d{11}[A-Z]$/.test(u))
      issues.error(record, RT, at('UPN'), '1550', 'UPN invalid (character 13 not a recognised value)');
    else if (p) issues.error(record, RT, at('UPN'), 'CIN-UPN', 'UPN invalid (a letter, 11 digits, then a digit or a letter)');
    else upn = u;
    if (p) ok = false;
  }
  const birth = date(issues, record, at('PersonBirthDate'), c.PersonBirthDate);
  const expected = date(issues, record, at('ExpectedPersonBirthDate'), c.ExpectedPersonBirthDate);
  if (!c.PersonBirthDate === !c.ExpectedPersonBirthDate)
    issues.error(
      record,
      RT,
      at('PersonBirthDate'),
      '8525',
      'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
    );
  if (birth && birth > referenceDate)
    issues.error(
      record,
      RT,
      at('PersonBirthDate'),
      '8520',
      'Date of Birth is after data collection period (must be on or before the end of the census period)',
    );
  // 8606: a referral may come before birth (an unborn child), but not more than 40 weeks before it.
  const born = birth ?? expected;
  const earliestReferral = born ? addDays(born, -280) : null;
  const death = date(issues, record, at('PersonDeathDate'), c.PersonDeathDate);
  if (death && birth && death < birth)
    issues.error(record, RT, at('PersonDeathDate'), 'CIN-DEATH-DATE', 'date of death is before date of birth');

  const disabilities: CinDisability[] = [];
  c.disabilities.forEach((d, k) => {
    const field = `ChildCharacteristics.Disabilities.Disability[${k}]`;
    if (!(CIN_DISABILITIES as readonly string[]).includes(d))
      issues.error(
        record,
        RT,
        field,
        '8540',
        `Child’s disability is missing or invalid (see Disability table: ${CIN_DISABILITIES.join(', ')})`,
      );
    else if (disabilities.includes(d as CinDisability))
      issues.warning(record, RT, field, 'CIN-DISABILITY-REPEAT', 'the same disability code appears twice; kept once');
    else disabilities.push(d as CinDisability);
  });
  const furtherAction = c.episodes.some((e) => !(e.ReferralNFA !== null && TRUE.has(e.ReferralNFA.toLowerCase())));
  if (birth && furtherAction && !c.disabilities.length)
    issues.error(
      record,
      RT,
      'ChildCharacteristics.Disabilities',
      '8540',
      'Child’s disability is missing or invalid (see Disability table; NONE where the child has none)',
    );
  if (disabilities.includes('NONE') && disabilities.length > 1)
    issues.error(record, RT, 'ChildCharacteristics.Disabilities', '8790', 'Disability information includes both None and other values');

  const episodes: EpisodeIn[] = [];
  const plans: PlanIn[] = [];
  let openEpisodes = 0;
  c.episodes.forEach((e, k) => {
    const f = (field: string) => `CINdetails[${k}].${field}`;
    const start = date(issues, record, f('CINreferralDate'), e.CINreferralDate);
    const end = date(issues, record, f('CINclosureDate'), e.CINclosureDate);
    if (!e.CINreferralDate || (start && start > referenceDate))
      issues.error(record, RT, f('CINreferralDate'), '8600', 'Child referral date missing or after data collection period');
    if (start && earliestReferral && start < earliestReferral)
      issues.error(record, RT, f('CINreferralDate'), '8606', 'Child referral date is more than 40 weeks before DOB or expected DOB');
    if (e.ReasonForClosure && !(CIN_CLOSURE_REASONS as readonly string[]).includes(e.ReasonForClosure))
      issues.error(
        record,
        RT,
        f('ReasonForClosure'),
        '8640',
        'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
      );
    if (start && end && end < start)
      issues.error(record, RT, f('CINclosureDate'), '8630', 'CIN Closure Date is before CIN Referral Date for the same CIN episode');
    if (e.CINclosureDate && !e.ReasonForClosure)
      issues.warning(
        record,
        RT,
        f('ReasonForClosure'),
        'CIN-CLOSURE-REASON',
        'a closed episode should give its reason for closure (RC1-RC8)',
      );
    const nfa = e.ReferralNFA !== null && TRUE.has(e.ReferralNFA.toLowerCase());
    const need = e.PrimaryNeedCode;
    if (!nfa && !need)
      issues.error(record, RT, f('PrimaryNeedCode'), '8610', 'Primary Need code is missing for a referral which led to further action');
    else if (need && !(CIN_PRIMARY_NEEDS as readonly string[]).includes(need))
      issues.error(
        record,
        RT,
        f('PrimaryNeedCode'),
        '8650',
        `Primary Need Code invalid (see Primary Need table in CIN census code set: ${CIN_PRIMARY_NEEDS.join(', ')})`,
      );
    if (!nfa && !e.CINclosureDate) openEpisodes++;
    if (nfa) {
      if (e.plans.length)
        issues.error(
          record,
          RT,
          f('ChildProtectionPlans'),
          'CIN-NFA-PLAN',
          'a referral with no further action cannot hold a child protection plan',
        );
    } else if (start && need && laChildId) {
      episodes.push({
        record,
        sourceId: `${laCode}/${laChildId}/cin/${start}`,
        startDate: start,
        endDate: end,
        primaryNeed: need as CinPrimaryNeed,
      });
    }
    e.plans.forEach((p, j) => {
      const g = (field: string) => f(`ChildProtectionPlans.ChildProtectionPlan[${j}].${field}`);
      const ps = date(issues, record, g('CPPstartDate'), p.CPPstartDate);
      const pe = date(issues, record, g('CPPendDate'), p.CPPendDate);
      if (!p.CPPstartDate) issues.error(record, RT, g('CPPstartDate'), 'CIN-CPP-START', 'a child protection plan needs its start date');
      if (ps && pe && pe < ps) issues.error(record, RT, g('CPPendDate'), '8925', 'Child Protection Plan End Date earlier than Start Date');
      else if (ps && pe && pe === ps)
        issues.warning(
          record,
          RT,
          g('CPPendDate'),
          '8840',
          'Child Protection Plan cannot start and end on the same day (a query: kept as sent)',
        );
      if (ps && death && ps > death)
        issues.error(record, RT, g('CPPstartDate'), '8915', 'Child Protection Plan shown as starting after the child’s Date of Death');
      if (pe && death && pe > death)
        issues.error(record, RT, g('CPPendDate'), '8920', 'Child Protection Plan cannot end after the child’s Date of Death');
      if (ps && start && (ps < start || (end && ps > end)))
        issues.warning(
          record,
          RT,
          g('CPPstartDate'),
          'CIN-CPP-WITHIN',
          'a plan should start within its CIN episode (from referral to closure)',
        );
      const initial = p.InitialCategoryOfAbuse;
      if (!initial || !(CP_CATEGORIES as readonly string[]).includes(initial))
        issues.error(
          record,
          RT,
          g('InitialCategoryOfAbuse'),
          '8905',
          `Initial Category of Abuse code missing or invalid (${CP_CATEGORIES.join(', ')})`,
        );
      const latest = p.LatestCategoryOfAbuse;
      if (!latest || !(CP_CATEGORIES as readonly string[]).includes(latest))
        issues.error(
          record,
          RT,
          g('LatestCategoryOfAbuse'),
          '8910',
          `Latest Category of Abuse code missing or invalid (${CP_CATEGORIES.join(', ')})`,
        );
      // The hub's plan has one category: what it is now (the latest), as the joint view means it.
      if (ps && latest && laChildId)
        plans.push({ record, sourceId: `${laCode}/${laChildId}/cpp/${ps}`, startDate: ps, endDate: pe, category: latest as CpCategory });
    });
  });
  if (openEpisodes > 1)
    issues.error(
      record,
      RT,
      'CINdetails',
      '8815',
      'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
    );
  for (let a = 0; a < episodes.length; a++)
    for (let b = a + 1; b < episodes.length; b++)
      if (overlaps(episodes[a], episodes[b]))
        issues.error(record, RT, 'CINdetails', '8820', 'The dates on the CIN episodes for this child overlap');
  for (let a = 0; a < plans.length; a++)
    for (let b = a + 1; b < plans.length; b++)
      if (overlaps(plans[a], plans[b]))
        issues.error(
          record,
          RT,
          'CINdetails.ChildProtectionPlans',
          'CIN-CPP-OVERLAP',
          'Child Protection Plan data contains overlapping dates',
        );
  if (!ok || !laChildId) return null;
  return { record, laChildId, upn, disabilities, episodes, plans };
}

export function checkCensus(raw: RawCensus, today: string): CheckedCensus {
  const issues = new IssueList();
  const out: CheckedCensus = { submissionId: '', laCode: '', children: [], skipped: 0, issues };
  if (!raw.lea || laCodeProblem(raw.lea))
    issues.error(
      null,
      'Header',
      'Source.LEA',
      'CIN-LEA',
      'the LA code (Header/Source/LEA) must be 3 digits: it qualifies every LA child id',
    );
  else out.laCode = raw.lea;
  let referenceDate = today;
  if (raw.referenceDate) {
    const p = isoDateProblem(raw.referenceDate);
    if (p) issues.error(null, 'Header', 'Collection.ReferenceDate', 'CIN-DATE', p);
    else referenceDate = raw.referenceDate;
  }
  // The submission id is the header's own (LA, reference date, serial number): the source's name for it.
  out.submissionId = `CIN-${out.laCode || 'unknown'}-${referenceDate}-${raw.serialNo && /^[\w.-]{1,20}$/.test(raw.serialNo) ? raw.serialNo : '0'}`;
  if (!raw.children.length) issues.error(null, 'Children', 'Child', 'CIN-EMPTY', 'must hold at least one Child');
  const seenId = new Map<string, number>();
  const seenUpn = new Map<string, number>();
  raw.children.forEach((c, i) => {
    if (c.LAchildID) {
      if (seenId.has(c.LAchildID))
        issues.error(
          i,
          RT,
          'ChildIdentifiers.LAchildID',
          '8510',
          `More than one child record with the same LA Child ID (also Child ${seenId.get(c.LAchildID)})`,
        );
      else seenId.set(c.LAchildID, i);
    }
    if (c.UPN) {
      const u = normaliseUpn(c.UPN);
      if (seenUpn.has(u))
        issues.error(
          i,
          RT,
          'ChildIdentifiers.UPN',
          'CIN-UPN-DUPLICATE',
          `the same UPN is on two children (also Child ${seenUpn.get(u)}); never merged`,
        );
      else seenUpn.set(u, i);
    }
    const child = checkChild(c, i, referenceDate, out.laCode, issues);
    if (child) out.children.push(child);
    out.skipped += c.episodes.filter((e) => e.ReferralNFA !== null && TRUE.has(e.ReferralNFA.toLowerCase())).length;
  });
  return out;
}

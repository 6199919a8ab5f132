// Stores a population in the four agencies' own databases, the way the real feeds would leave it:
// the child index gets keyed hashes of the identifiers, each agency gets only its own part.
// Bulk inserts go through `INSERT ... SELECT * FROM unnest($1::t[], ...)` (one statement per table
// per batch), each batch in one transaction per database, all four databases written concurrently.
import { Client } from 'pg';
import { identifierHash, laIdentifier, type IdentifierKind } from '@hub/guard/linkage';
import { linkageKey } from '@hub/runtime/settings/secrets';
import {
  CEASE_REASONS,
  PLACEMENT_TYPES,
  SEN2_SETTING_CODES,
  SEN_TYPES,
  addDays,
  adviceAccessEnds,
  adviceRequestGrantsAccess,
  dueOn,
  upnCheckLetter,
  type SubgraphName,
} from '@hub/schema';
import { CATALOGUE } from './catalogue';
import type { AssessmentPart, CatalogueService, PopulationChild, ServiceUse } from './model';

/** The databases that hold children's records (the commissioning service's holds none). */
// The family service holds only what families write, never seeded records.
type RecordDb = Exclude<SubgraphName, 'commissioning' | 'family'>;
export type DatabaseUrls = Record<SubgraphName, string>;
/** The writers need only the databases that hold records. */
type RecordUrls = Record<RecordDb, string>;

export interface WriteOptions {
  /** Children per batch (one transaction per database per batch). Default 5000. */
  batchSize?: number;
  /** Called after each batch with the number of children written so far. */
  onProgress?: (done: number) => void;
  /** HMAC key for the child index; defaults to linkageKey() (HUB_LINKAGE_KEY or the dev key). */
  linkageKey?: string;
}

export interface WriteResult {
  children: number;
  /** Rows inserted, keyed `<subgraph>.<table>` (tables such as plan_item exist in several databases). */
  rows: Record<string, number>;
  /** Values changed on the way in so that the databases' constraints hold (see StorageMapper). */
  adjustments: Record<string, number>;
}

export const DEFAULT_BATCH_SIZE = 5000;

type AgencyDb = Exclude<RecordDb, 'governance'>;

const AGENCY_SUBGRAPH: Record<CatalogueService['agency'], AgencyDb> = {
  EDUCATION: 'education',
  HEALTH: 'health',
  SOCIAL_CARE: 'social-care',
};

const SERVICE_AGENCY = new Map(CATALOGUE.map((s) => [s.id, s.agency]));

// ---------------------------------------------------------------------------------------------
// Column buffers: one array per column, sent as one array parameter each.

type PgType = 'uuid' | 'text' | 'date' | 'int2' | 'int4' | 'numeric' | 'bool' | 'jsonb' | 'timestamptz';

class Table {
  readonly cols: unknown[][];
  constructor(
    readonly db: SubgraphName,
    readonly name: string,
    readonly columns: readonly (readonly [string, PgType])[],
  ) {
    this.cols = columns.map(() => []);
  }
  get length(): number {
    return this.cols[0].length;
  }
  push(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.cols[i].push(values[i]);
  }
  clear(): void {
    for (const c of this.cols) c.length = 0;
  }
  unnest(offset = 1): string {
    return `unnest(${this.columns.map(([, t], i) => `$${i + offset}::${t}[]`).join(', ')})`;
  }
  insertSql(): string {
    return `INSERT INTO ${this.name} (${this.columns.map(([c]) => c).join(', ')}) SELECT * FROM ${this.unnest()}`;
  }
}

/** The tables of one batch, per database, in insertion (foreign key) order. */
function batchTables() {
  const t = (db: SubgraphName, name: string, columns: readonly (readonly [string, PgType])[]) => new Table(db, name, columns);
  const serviceUse = (db: SubgraphName) =>
    t(db, 'service_use', [
      ['service_id', 'text'],
      ['child_id', 'uuid'],
      ['start_date', 'date'],
      ['end_date', 'date'],
    ]);
  // Health and social care each keep the requests for advice sent to them and the advice they wrote.
  const adviceTables = (db: SubgraphName) => ({
    advice_request: t(db, 'advice_request', [
      ['id', 'uuid'],
      ['child_id', 'uuid'],
      ['organisation', 'text'],
      ['advice_type', 'text'],
      ['requested_on', 'date'],
      ['due_on', 'date'],
      ['received_at', 'timestamptz'],
    ]),
    advice: t(db, 'advice', [
      ['id', 'uuid'],
      ['version', 'int4'],
      ['request_id', 'uuid'],
      ['child_id', 'uuid'],
      ['idempotency_key', 'text'],
      ['submitted_by', 'text'],
      ['submitted_org', 'text'],
      ['submitted_at', 'timestamptz'],
      ['author_name', 'text'],
      ['author_role', 'text'],
      ['advice_date', 'date'],
      ['needs', 'jsonb'],
      ['outcomes', 'jsonb'],
      ['provision', 'jsonb'],
    ]),
  });
  return {
    governance: {
      child: t('governance', 'child', [
        ['id', 'uuid'],
        ['date_of_birth', 'date'],
      ]),
      child_identifier: t('governance', 'child_identifier', [
        ['kind', 'text'],
        ['hash', 'text'],
        ['child_id', 'uuid'],
      ]),
      // Need-to-know of the organisations asked for advice, as education's peer message grants it.
      relationship: t('governance', 'relationship', [
        ['child_id', 'uuid'],
        ['kind', 'text'],
        ['agency', 'text'],
        ['org', 'text'],
        ['start_date', 'date'],
        ['end_date', 'date'],
        ['source_key', 'text'],
      ]),
    },
    education: {
      education_record: t('education', 'education_record', [
        ['child_id', 'uuid'],
        ['upn', 'text'],
        ['uln', 'text'],
        ['given_name', 'text'],
        ['family_name', 'text'],
        ['date_of_birth', 'date'],
        ['postcode_district', 'text'],
        ['la_code', 'text'],
        ['sen_status', 'text'],
      ]),
      sen_need: t('education', 'sen_need', [
        ['child_id', 'uuid'],
        ['rank', 'int2'],
        ['sen_type', 'text'],
      ]),
      placement: t('education', 'placement', [
        ['child_id', 'uuid'],
        ['setting_name', 'text'],
        ['urn', 'text'],
        ['setting_code', 'text'],
        ['placement_type', 'text'],
        ['start_date', 'date'],
        ['end_date', 'date'],
      ]),
      attendance_term: t('education', 'attendance_term', [
        ['child_id', 'uuid'],
        ['term_start', 'date'],
        ['term', 'text'],
        ['sessions_possible', 'int2'],
        ['sessions_attended', 'int2'],
        ['authorised_absence', 'int2'],
        ['unauthorised_absence', 'int2'],
      ]),
      exclusion: t('education', 'exclusion', [
        ['id', 'uuid'],
        ['child_id', 'uuid'],
        ['kind', 'text'],
        ['start_on', 'date'],
        ['sessions', 'int2'],
      ]),
      ehc_plan: t('education', 'ehc_plan', [
        ['child_id', 'uuid'],
        ['issued_on', 'date'],
        ['status', 'text'],
        ['cease_reason', 'text'],
        ['ceased_on', 'date'],
      ]),
      // Keyed by child: the plan id is only known once the plan is inserted (same statement, see below).
      plan_item: t('education', 'plan_item', [
        ['child_id', 'uuid'],
        ['section', 'text'],
        ['description', 'text'],
        ['provider', 'text'],
        ['hours_per_week', 'numeric'],
        ['target_date', 'date'],
      ]),
      service_use: serviceUse('education'),
      needs_assessment: t('education', 'needs_assessment', [
        ['id', 'uuid'],
        ['child_id', 'uuid'],
        ['la_code', 'text'],
        ['request_received_on', 'date'],
        ['decision', 'text'],
        ['decided_on', 'date'],
        ['draft_issued_on', 'date'],
        ['final_issued_on', 'date'],
        ['not_issued_notice_on', 'date'],
        ['withdrawn_on', 'date'],
        ['opened_by', 'text'],
        ['opened_at', 'timestamptz'],
      ]),
      advice_request: t('education', 'advice_request', [
        ['id', 'uuid'],
        ['assessment_id', 'uuid'],
        ['child_id', 'uuid'],
        ['advice_type', 'text'],
        ['agency', 'text'],
        ['organisation', 'text'],
        ['requested_on', 'date'],
        ['due_on', 'date'],
        ['received_on', 'date'],
        ['received_version', 'int4'],
        ['existing_advice_reference', 'text'],
        ['agreed_on', 'date'],
        ['requested_by', 'text'],
      ]),
      assessment_exception: t('education', 'assessment_exception', [
        ['id', 'uuid'],
        ['assessment_id', 'uuid'],
        ['advice_request_id', 'uuid'],
        ['kind', 'text'],
        ['reason', 'text'],
        ['start_on', 'date'],
        ['end_on', 'date'],
        ['recorded_by', 'text'],
        ['recorded_at', 'timestamptz'],
      ]),
    },
    health: {
      health_record: t('health', 'health_record', [
        ['child_id', 'uuid'],
        ['nhs_number', 'text'],
        ['gp_practice', 'text'],
      ]),
      diagnosis: t('health', 'diagnosis', [
        ['child_id', 'uuid'],
        ['code', 'text'],
        ['description', 'text'],
        ['diagnosed_on', 'date'],
        ['mental_health', 'bool'],
      ]),
      plan_item: t('health', 'plan_item', [
        ['child_id', 'uuid'],
        ['section', 'text'],
        ['description', 'text'],
        ['provider', 'text'],
        ['hours_per_week', 'numeric'],
        ['mental_health', 'bool'],
      ]),
      referral: t('health', 'referral', [
        ['child_id', 'uuid'],
        ['service', 'text'],
        ['organisation', 'text'],
        ['referred_on', 'date'],
        ['first_treatment_on', 'date'],
      ]),
      therapy_episode: t('health', 'therapy_episode', [
        ['child_id', 'uuid'],
        ['service', 'text'],
        ['organisation', 'text'],
        ['start_date', 'date'],
        ['end_date', 'date'],
      ]),
      service_use: serviceUse('health'),
      ...adviceTables('health'),
    },
    'social-care': {
      social_care_record: t('social-care', 'social_care_record', [
        ['child_id', 'uuid'],
        ['la_code', 'text'],
        ['la_child_id', 'text'],
        ['nhs_number', 'text'],
      ]),
      cin_episode: t('social-care', 'cin_episode', [
        ['child_id', 'uuid'],
        ['start_date', 'date'],
        ['end_date', 'date'],
        ['primary_need', 'text'],
      ]),
      cp_plan: t('social-care', 'cp_plan', [
        ['child_id', 'uuid'],
        ['start_date', 'date'],
        ['end_date', 'date'],
        ['category', 'text'],
      ]),
      cla_period: t('social-care', 'cla_period', [
        ['child_id', 'uuid'],
        ['start_date', 'date'],
        ['end_date', 'date'],
      ]),
      disability: t('social-care', 'disability', [
        ['child_id', 'uuid'],
        ['code', 'text'],
      ]),
      short_break: t('social-care', 'short_break', [
        ['child_id', 'uuid'],
        ['provider', 'text'],
        ['nights_per_year', 'int4'],
        ['hours_per_year', 'numeric'],
        ['start_date', 'date'],
        ['end_date', 'date'],
      ]),
      plan_item: t('social-care', 'plan_item', [
        ['child_id', 'uuid'],
        ['section', 'text'],
        ['description', 'text'],
        ['provider', 'text'],
      ]),
      service_use: serviceUse('social-care'),
      ...adviceTables('social-care'),
    },
  } satisfies Record<RecordDb, Record<string, Table>>;
}
type BatchTables = ReturnType<typeof batchTables>;

// ---------------------------------------------------------------------------------------------
// Mapping onto the constraints. The model is looser than the databases; the synthetic generator
// in particular can repeat a UPN (its serial is `index % 1000`) and, rarely, a ULN. Rather than
// loosening a constraint, the child is adjusted on the way in, deterministically (the same input
// stream always maps to the same rows). Every adjustment is counted.

const UPN_RE = /^[A-Z][0-9]{11}[0-9A-Z]$/;
const ULN_RE = /^[0-9]{10}$/;
const URN_RE = /^[0-9]{6,8}$/;
const NHS_RE = /^[0-9]{10}$/;
const SETTING_CODES = new Set<string>(SEN2_SETTING_CODES);
const SEN_TYPE_SET = new Set<string>(SEN_TYPES);
const PLACEMENT_SET = new Set<string>(PLACEMENT_TYPES);
const CEASE_SET = new Set<string>(CEASE_REASONS);

type Period = { startDate: string; endDate: string | null };

/**
 * Makes a stream of children storable: identifiers unique across the stream, one open CIN/CP/CLA
 * per child, exactly one of URN and setting code, and so on. Stateful (it remembers identifiers
 * already used), so one mapper must see the whole stream. Returns new objects; never mutates input.
 */
export class StorageMapper {
  readonly adjustments: Record<string, number> = {};
  private readonly ids = new Set<string>();
  private readonly upns = new Set<string>();
  private readonly ulns = new Set<string>();
  private readonly nhs = new Set<string>();
  private readonly laIds = new Set<string>();

  private note(what: string): void {
    this.adjustments[what] = (this.adjustments[what] ?? 0) + 1;
  }

  map(input: PopulationChild): PopulationChild {
    if (this.ids.has(input.id)) throw new Error(`child id ${input.id} appears twice in the population`);
    this.ids.add(input.id);
    const c: PopulationChild = { ...input };

    // NHS number: unique in health_record, social_care_record and the child index. A repeat is
    // treated as unknown for the later child.
    if (c.nhsNumber !== null && (!NHS_RE.test(c.nhsNumber) || this.nhs.has(c.nhsNumber))) {
      this.note('nhs_number.dropped_duplicate_or_malformed');
      c.nhsNumber = null;
    }
    if (c.nhsNumber) this.nhs.add(c.nhsNumber);

    // UPN: unique in education_record and the child index.
    if (c.upn !== null) {
      const upn = this.uniqueUpn(c.upn);
      if (upn !== c.upn) this.note(upn === null ? 'upn.dropped_malformed' : 'upn.reissued_duplicate');
      c.upn = upn;
    }
    if (c.upn) this.upns.add(c.upn);

    if (c.education) c.education = this.education(c.education);
    if (c.health) {
      if (!c.nhsNumber) {
        // health_record.nhs_number is NOT NULL: a health record cannot exist without one.
        this.note('health.dropped_without_nhs_number');
        c.health = null;
      } else c.health = this.health(c.health);
    }
    if (c.socialCare) c.socialCare = this.socialCare(c.laCode, c.socialCare);
    return c;
  }

  private uniqueUpn(upn: string): string | null {
    if (!UPN_RE.test(upn)) return null;
    if (!this.upns.has(upn)) return upn;
    // Keep LA, establishment and year; take the next free serial (and establishment if need be).
    const rest = upn.slice(1, 13);
    if (/^[0-9]{12}$/.test(rest)) {
      const la = rest.slice(0, 3);
      const year = rest.slice(7, 9);
      let est = Number(rest.slice(3, 7));
      let serial = Number(rest.slice(9, 12));
      for (let tries = 0; tries < 10_000_000; tries++) {
        serial = (serial + 1) % 1000;
        if (serial === Number(rest.slice(9, 12))) est = (est + 1) % 10000;
        const r = la + String(est).padStart(4, '0') + year + String(serial).padStart(3, '0');
        const candidate = upnCheckLetter(r) + r;
        if (!this.upns.has(candidate)) return candidate;
      }
    }
    return null;
  }

  private education(e: NonNullable<PopulationChild['education']>): NonNullable<PopulationChild['education']> {
    let uln = e.uln;
    if (uln !== null) {
      if (!ULN_RE.test(uln)) {
        this.note('uln.dropped_malformed');
        uln = null;
      } else if (this.ulns.has(uln)) {
        this.note('uln.reissued_duplicate');
        let n = Number(uln);
        do n = n >= 9_999_999_999 ? 1_000_000_000 : n + 1;
        while (this.ulns.has(String(n)));
        uln = String(n);
      }
      if (uln) this.ulns.add(uln);
    }
    // sen_need: ranks 1 and 2 only, each SEN type once.
    const needs = [...new Set(e.needs.filter((n) => SEN_TYPE_SET.has(n)))];
    if (needs.length !== e.needs.length || needs.length > 2) this.note('sen_need.trimmed');
    const placements = e.placements.map((p) => {
      const urn = p.urn !== null && URN_RE.test(p.urn) ? p.urn : null;
      let settingCode = p.settingCode !== null && SETTING_CODES.has(p.settingCode) ? p.settingCode : null;
      if (urn && settingCode) settingCode = null; // exactly one: a URN wins
      if (!urn && !settingCode) settingCode = p.placementType === 'EHE' ? 'EHE' : p.placementType === 'NEET' ? 'NEET' : 'OTH';
      if (urn !== p.urn || settingCode !== p.settingCode) this.note('placement.urn_or_setting_code');
      if (!PLACEMENT_SET.has(p.placementType)) throw new Error(`unknown placement type ${p.placementType}`);
      return { ...p, urn, settingCode, endDate: this.endNotBefore(p, 'placement.end_before_start') };
    });
    let plan = e.plan;
    if (plan) {
      let ceaseReason = plan.ceaseReason;
      if (plan.status === 'CEASED' && (ceaseReason === null || !CEASE_SET.has(ceaseReason))) ceaseReason = '9'; // 9: other
      if (plan.status !== 'CEASED') ceaseReason = null;
      if (ceaseReason !== plan.ceaseReason) this.note('ehc_plan.cease_reason');
      const provision = plan.provision.map((f) => {
        const provider = f.provider && f.provider.trim() ? f.provider : 'Not specified';
        const hoursPerWeek = f.hoursPerWeek !== null && f.hoursPerWeek >= 0 && f.hoursPerWeek < 1000 ? f.hoursPerWeek : null;
        if (provider !== f.provider || hoursPerWeek !== f.hoursPerWeek) this.note('plan_item.f_provider_or_hours');
        return { ...f, provider, hoursPerWeek };
      });
      plan = { ...plan, ceaseReason, provision };
    }
    return { ...e, uln, needs: needs.slice(0, 2), placements, plan, services: e.services };
  }

  private health(h: NonNullable<PopulationChild['health']>): NonNullable<PopulationChild['health']> {
    return {
      ...h,
      referrals: h.referrals.map((r) => {
        if (r.firstTreatmentOn !== null && r.firstTreatmentOn < r.referredOn) {
          this.note('referral.treated_before_referral');
          return { ...r, firstTreatmentOn: r.referredOn };
        }
        return r;
      }),
      episodes: h.episodes.map((p) => ({ ...p, endDate: this.endNotBefore(p, 'therapy_episode.end_before_start') })),
    };
  }

  private socialCare(laCode: string, s: NonNullable<PopulationChild['socialCare']>): NonNullable<PopulationChild['socialCare']> {
    // (la_code, la_child_id) is unique; a repeat gets a suffix.
    let laChildId = s.laChildId.trim() || 'UNKNOWN';
    if (this.laIds.has(`${laCode}:${laChildId}`)) {
      this.note('la_child_id.reissued_duplicate');
      let n = 2;
      while (this.laIds.has(`${laCode}:${laChildId}-${n}`)) n++;
      laChildId = `${laChildId}-${n}`;
    }
    this.laIds.add(`${laCode}:${laChildId}`);
    return {
      ...s,
      laChildId,
      cin: this.oneOpen(s.cin, 'cin_episode'),
      cp: this.oneOpen(s.cp, 'cp_plan'),
      cla: this.oneOpen(s.cla, 'cla_period'),
      disabilities: [...new Set(s.disabilities)],
      shortBreaks: s.shortBreaks.map((b) => {
        const nightsPerYear = b.nightsPerYear !== null && b.nightsPerYear >= 0 && b.nightsPerYear <= 366 ? b.nightsPerYear : null;
        const hoursPerYear = b.hoursPerYear !== null && b.hoursPerYear >= 0 && b.hoursPerYear < 100_000 ? b.hoursPerYear : null;
        if (nightsPerYear !== b.nightsPerYear || hoursPerYear !== b.hoursPerYear) this.note('short_break.out_of_range');
        return { ...b, nightsPerYear, hoursPerYear, endDate: this.endNotBefore(b, 'short_break.end_before_start') };
      }),
    };
  }

  private endNotBefore(p: Period, what: string): string | null {
    if (p.endDate !== null && p.endDate < p.startDate) {
      this.note(what);
      return p.startDate;
    }
    return p.endDate;
  }

  /** At most one open period: all but the latest-starting open one end the day before the next starts. */
  private oneOpen<T extends Period>(periods: T[], what: string): T[] {
    const fixed = periods.map((p) => ({ ...p, endDate: this.endNotBefore(p, `${what}.end_before_start`) }));
    const open = fixed
      .filter((p) => p.endDate === null)
      .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
    for (let i = 0; i < open.length - 1; i++) {
      const dayBefore = addDays(open[i + 1].startDate, -1);
      open[i].endDate = dayBefore < open[i].startDate ? open[i].startDate : dayBefore;
      this.note(`${what}.closed_extra_open`);
    }
    return fixed;
  }
}

// ---------------------------------------------------------------------------------------------
// Rows of one (already mapped) child.

function addChild(t: BatchTables, c: PopulationChild, key: string, seenUses: Set<string>): void {
  const g = t.governance;
  g.child.push(c.id, c.dateOfBirth);
  const ident = (kind: IdentifierKind, value: string) => g.child_identifier.push(kind, identifierHash(key, kind, value), c.id);
  if (c.nhsNumber) ident('NHS', c.nhsNumber);
  if (c.upn) ident('UPN', c.upn);
  if (c.socialCare) ident('LA', laIdentifier(c.laCode, c.socialCare.laChildId));

  const e = c.education;
  if (e) {
    const ed = t.education;
    ed.education_record.push(c.id, c.upn, e.uln, c.givenName, c.familyName, c.dateOfBirth, c.postcodeDistrict, c.laCode, e.senStatus);
    e.needs.forEach((n, i) => ed.sen_need.push(c.id, i + 1, n));
    for (const p of e.placements) ed.placement.push(c.id, p.settingName, p.urn, p.settingCode, p.placementType, p.startDate, p.endDate);
    for (const a of e.attendance ?? [])
      ed.attendance_term.push(c.id, a.termStart, a.term, a.possible, a.attended, a.authorised, a.unauthorised);
    for (const x of e.exclusions ?? []) ed.exclusion.push(x.id, c.id, x.kind, x.startOn, x.sessions);
    if (e.plan) {
      const p = e.plan;
      ed.ehc_plan.push(c.id, p.issuedOn, p.status, p.ceaseReason, p.status === 'CEASED' ? (p.ceasedOn ?? null) : null);
      for (const b of p.sectionB) ed.plan_item.push(c.id, 'B', b, null, null, null);
      for (const o of p.outcomes) ed.plan_item.push(c.id, 'E', o.description, null, null, o.targetDate);
      for (const f of p.provision) ed.plan_item.push(c.id, 'F', f.description, f.provider, f.hoursPerWeek, null);
      if (p.sectionI !== null) ed.plan_item.push(c.id, 'I', p.sectionI, null, null, null);
    }
    for (const a of e.assessments ?? []) addAssessment(t, c, a);
  }
  const h = c.health;
  if (h) {
    const he = t.health;
    he.health_record.push(c.id, c.nhsNumber, h.gpPractice);
    for (const d of h.diagnoses) he.diagnosis.push(c.id, d.code, d.description, d.diagnosedOn, d.mentalHealth);
    for (const n of h.needs) he.plan_item.push(c.id, 'C', n.description, null, null, n.mentalHealth);
    for (const p of h.provision) he.plan_item.push(c.id, 'G', p.description, p.provider, p.hoursPerWeek, p.mentalHealth);
    for (const r of h.referrals) he.referral.push(c.id, r.service, r.organisation, r.referredOn, r.firstTreatmentOn);
    for (const p of h.episodes) he.therapy_episode.push(c.id, p.service, p.organisation, p.startDate, p.endDate);
  }
  const s = c.socialCare;
  if (s) {
    const sc = t['social-care'];
    sc.social_care_record.push(c.id, c.laCode, s.laChildId, s.nhsNumberKnown ? c.nhsNumber : null);
    for (const p of s.cin) sc.cin_episode.push(c.id, p.startDate, p.endDate, p.primaryNeed);
    for (const p of s.cp) sc.cp_plan.push(c.id, p.startDate, p.endDate, p.category);
    for (const p of s.cla) sc.cla_period.push(c.id, p.startDate, p.endDate);
    for (const d of s.disabilities) sc.disability.push(c.id, d);
    for (const b of s.shortBreaks) sc.short_break.push(c.id, b.provider, b.nightsPerYear, b.hoursPerYear, b.startDate, b.endDate);
    for (const n of s.needs) sc.plan_item.push(c.id, 'D', n, null);
    for (const p of s.provision) sc.plan_item.push(c.id, p.section, p.description, p.provider);
  }

  // Service uses go to the database of the agency that commissions the service, and only where
  // the child has a record there (service_use references the agency's record table).
  const has: Record<AgencyDb, boolean> = { education: !!e, health: !!h, 'social-care': !!s };
  seenUses.clear();
  const allUses: ServiceUse[] = [...(e?.services ?? []), ...(h?.services ?? []), ...(s?.services ?? [])];
  for (const u of allUses) {
    const agency = SERVICE_AGENCY.get(u.serviceId);
    if (!agency) throw new Error(`service ${u.serviceId} is not in the catalogue`);
    const db = AGENCY_SUBGRAPH[agency];
    const k = `${u.serviceId}|${u.startDate}`;
    if (!has[db] || seenUses.has(k)) continue;
    seenUses.add(k);
    t[db].service_use.push(u.serviceId, c.id, u.startDate, u.endDate !== null && u.endDate < u.startDate ? u.startDate : u.endDate);
  }
}

/** An assessment's rows: education's, the advising agencies' copies and advice, governance's grants. */
function addAssessment(t: BatchTables, c: PopulationChild, a: AssessmentPart): void {
  const ed = t.education;
  ed.needs_assessment.push(
    a.id,
    c.id,
    c.laCode,
    a.requestReceivedOn,
    a.decision,
    a.decidedOn,
    a.draftIssuedOn,
    a.finalIssuedOn,
    a.notIssuedNoticeOn,
    a.withdrawnOn,
    'seed',
    `${a.requestReceivedOn}T12:00:00Z`,
  );
  for (const r of a.adviceRequests) {
    const due = dueOn('ADVICE', r.requestedOn);
    const existing = r.existing;
    ed.advice_request.push(
      r.id,
      a.id,
      c.id,
      r.adviceType,
      r.agency,
      r.organisation,
      r.requestedOn,
      existing ? r.requestedOn : due,
      existing ? null : r.receivedOn,
      existing || !r.receivedOn ? null : Math.max(1, r.versions.length),
      existing?.reference ?? null,
      existing?.agreedOn ?? null,
      'seed',
    );
    if (existing) continue;
    if (adviceRequestGrantsAccess(r, c.laCode))
      t.governance.relationship.push(
        c.id,
        'ADVICE_REQUEST',
        r.agency,
        r.organisation,
        r.requestedOn,
        adviceAccessEnds(a.requestReceivedOn, r.requestedOn),
        `advice-request-access:${r.id}`,
      );
    const db = r.agency === 'HEALTH' ? t.health : r.agency === 'SOCIAL_CARE' ? t['social-care'] : null;
    if (!db) continue;
    // Received the day it was asked (deterministic, unlike now()).
    db.advice_request.push(r.id, c.id, r.organisation, r.adviceType, r.requestedOn, due, `${r.requestedOn}T12:00:00Z`);
    r.versions.forEach((v, i) =>
      db.advice.push(
        r.adviceId,
        i + 1,
        r.id,
        c.id,
        `seed-${r.id}-${i + 1}`,
        'seed',
        r.organisation,
        `${v.submittedOn}T12:00:00Z`,
        v.authorName,
        v.authorRole,
        v.adviceDate,
        JSON.stringify(v.needs),
        JSON.stringify(v.outcomes),
        JSON.stringify(v.provision),
      ),
    );
  }
  for (const x of a.exceptions)
    ed.assessment_exception.push(x.id, a.id, x.adviceRequestId, x.kind, x.reason, x.startOn, x.endOn, 'seed', `${x.startOn}T12:00:00Z`);
}

// ---------------------------------------------------------------------------------------------

const NAMES = ['governance', 'education', 'health', 'social-care'] as const satisfies readonly SubgraphName[];

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'send-hub-seed' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function connectAll(urls: RecordUrls): Promise<Record<SubgraphName, Client>> {
  const clients = await Promise.all(NAMES.map((n) => connect(urls[n])));
  return Object.fromEntries(NAMES.map((n, i) => [n, clients[i]])) as Record<SubgraphName, Client>;
}

async function closeAll(clients: Record<SubgraphName, Client>): Promise<void> {
  await Promise.all(Object.values(clients).map((c) => c.end().catch(() => undefined)));
}

/** Writes one database's share of a batch in one transaction; adds inserted rows to `rows`. */
async function writeBatch(client: Client, db: SubgraphName, tables: Record<string, Table>, rows: Record<string, number>): Promise<void> {
  const list = Object.values(tables).filter((t) => t.length > 0);
  if (!list.length) return;
  await client.query('BEGIN');
  try {
    for (const t of list) {
      if (db === 'education' && t.name === 'plan_item') continue; // written with ehc_plan below
      if (db === 'education' && t.name === 'ehc_plan') {
        const items = tables.plan_item as Table;
        // The plan items need the plan ids: insert both in one statement. Items keep their order.
        const sql = `WITH plans AS (${t.insertSql()} RETURNING id, child_id)
          INSERT INTO plan_item (plan_id, section, description, provider, hours_per_week, target_date)
          SELECT plans.id, i.section, i.description, i.provider, i.hours_per_week, i.target_date
          FROM ${items.unnest(t.columns.length + 1)} WITH ORDINALITY AS i(child_id, section, description, provider, hours_per_week, target_date, ord)
          JOIN plans ON plans.child_id = i.child_id ORDER BY i.ord`;
        const r = await client.query(sql, [...t.cols, ...items.cols]);
        count(rows, db, 'ehc_plan', t.length);
        count(rows, db, 'plan_item', r.rowCount ?? 0);
        continue;
      }
      const r = await client.query(t.insertSql(), t.cols);
      count(rows, db, t.name, r.rowCount ?? 0);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function count(rows: Record<string, number>, db: SubgraphName, table: string, n: number): void {
  const k = `${db}.${table}`;
  rows[k] = (rows[k] ?? 0) + n;
}

/**
 * Writes a population into the four databases (which must be migrated, with the catalogue
 * written: service_use references commissioned_service). Children are mapped onto the
 * constraints first (StorageMapper); agency rows are written only where the child has that part.
 */
export async function writePopulation(
  children: Iterable<PopulationChild>,
  urls: RecordUrls,
  opts: WriteOptions = {},
): Promise<WriteResult> {
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const key = opts.linkageKey ?? linkageKey();
  const mapper = new StorageMapper();
  const rows: Record<string, number> = {};
  const clients = await connectAll(urls);
  // Durability per commit is not worth waiting for while bulk loading; a crash loses at most
  // the last batches, never consistency.
  await Promise.all(NAMES.map((n) => clients[n].query('SET synchronous_commit = off')));
  let done = 0;
  try {
    // Two sets of buffers: the next batch is built while the previous one is being written.
    const buffers = [batchTables(), batchTables()];
    let pending: Promise<void> | null = null;
    let inBatch = 0;
    let current = 0;
    const seenUses = new Set<string>();
    const flush = async (tables: BatchTables, n: number) => {
      await Promise.all(NAMES.map((db) => writeBatch(clients[db], db, tables[db], rows)));
      for (const db of NAMES) for (const t of Object.values(tables[db]) as Table[]) t.clear();
      done += n;
      opts.onProgress?.(done);
    };
    for (const child of children) {
      addChild(buffers[current], mapper.map(child), key, seenUses);
      if (++inBatch === batchSize) {
        if (pending) await pending;
        pending = flush(buffers[current], inBatch);
        // Surface a failure at the next await, not as an unhandled rejection meanwhile.
        pending.catch(() => undefined);
        current = 1 - current;
        inBatch = 0;
      }
    }
    if (pending) await pending;
    if (inBatch > 0) await flush(buffers[current], inBatch);
  } finally {
    await closeAll(clients);
  }
  return { children: done, rows, adjustments: mapper.adjustments };
}

/** Writes CATALOGUE into each agency's commissioned_service table (existing ids are left alone). */
export async function writeCatalogue(urls: RecordUrls, services: readonly CatalogueService[] = CATALOGUE): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  await Promise.all(
    (Object.keys(AGENCY_SUBGRAPH) as CatalogueService['agency'][]).map(async (agency) => {
      const db = AGENCY_SUBGRAPH[agency];
      const list = services.filter((s) => s.agency === agency);
      const client = await connect(urls[db]);
      try {
        // One row per statement: service_area is itself an array, which unnest would flatten.
        let n = 0;
        for (const s of list) {
          const r = await client.query(
            `INSERT INTO commissioned_service (id, organisation, name, description, eligibility, capacity, service_area, taxonomy)
             VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8) ON CONFLICT DO NOTHING`,
            [s.id, s.organisation, s.name, s.description, s.eligibility, s.capacity, s.serviceArea, s.taxonomy],
          );
          n += r.rowCount ?? 0;
        }
        rows[`${db}.commissioned_service`] = n;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  return rows;
}

/** True when the child index has no children (or is not migrated yet). */
export async function isEmpty(urls: RecordUrls): Promise<boolean> {
  const client = await connect(urls.governance);
  try {
    const r = await client.query('SELECT EXISTS (SELECT 1 FROM child) AS any');
    return !r.rows[0].any;
  } catch (e) {
    if ((e as { code?: string }).code === '42P01') return true; // undefined_table
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Empties every table (except the migration history) of the four databases. */
export async function truncateAll(urls: RecordUrls): Promise<void> {
  await Promise.all(
    NAMES.map(async (db) => {
      const client = await connect(urls[db]);
      try {
        const r = await client.query<{ t: string }>(
          // The audit trail is append-only: a reset of the records never touches it (or its chain head).
          `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migrations', 'audit_event', 'audit_head')`,
        );
        if (r.rows.length) await client.query(`TRUNCATE ${r.rows.map((x) => x.t).join(', ')} RESTART IDENTITY CASCADE`);
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
}

/** Row counts of every table (except the migration history), keyed `<subgraph>.<table>`. */
export async function countRows(urls: RecordUrls): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    NAMES.map(async (db) => {
      const client = await connect(urls[db]);
      try {
        const r = await client.query<{ t: string }>(
          `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename`,
        );
        if (!r.rows.length) return;
        const sql = r.rows.map((x, i) => `SELECT $${i + 1}::text AS t, count(*)::int AS n FROM ${quoteIdent(x.t)}`).join(' UNION ALL ');
        const counts = await client.query<{ t: string; n: number }>(
          sql,
          r.rows.map((x) => x.t),
        );
        for (const c of counts.rows) out[`${db}.${c.t}`] = c.n;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

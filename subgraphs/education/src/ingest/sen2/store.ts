// Writes a checked SEN2 return inside the submission's transaction (the ingest package's pipeline): the persons'
// records, then per table the ingest package's writeSourced (one statement closing what this source no longer
// sends for these children, within what the return covers, and one upserting the whole return). Each row is keyed on the source's own key (LA, UPN, and the request's received
// date, the plan's start, the need's rank, the placement's setting and entry date), so a replay
// changes nothing and a corrected return changes only what changed. A crash anywhere rolls all of it back.
import { randomUUID } from 'node:crypto';
import { tallyUpsert } from '@hub/ingest/tables';
import { writeSourced, type SourcedTable, type SourcedWrite } from '@hub/ingest/sourced';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import type { CheckedSen2, PersonIn } from './rules';

type Row = Record<string, unknown>;
/** A sourced table and which of this source's records the return covers ($6 period start, $7 period end; none when 'TRUE'): only those it no longer sends are closed. */
type Sen2Table = SourcedTable<Row> & { scope: string; rows: (p: PersonIn & { childId: string; laCode: string }) => Row[] };

const childOfRow = (r: Row) => r.childId;
const sourceOf = (r: Row) => r.sourceId;

/** The sourced tables, in the order they are written (a plan or need refers to the record). */
const TABLES: Sen2Table[] = [
  {
    table: 'needs_assessment',
    scope: 'request_received_on BETWEEN $6 AND $7',
    rows: (p) => p.assessments.map((a) => ({ ...a, childId: p.childId, laCode: p.laCode })),
    columns: [
      ['child_id', 'uuid', childOfRow],
      ['source_id', 'text', sourceOf],
      ['id', 'uuid', () => randomUUID()],
      ['la_code', 'text', (r) => r.laCode],
      ['request_received_on', 'date', (r) => r.requestReceivedOn],
      ['decision', 'text', (r) => r.decision],
      ['decided_on', 'date', (r) => r.decidedOn],
      ['withdrawn_on', 'date', (r) => r.withdrawnOn],
      ['final_issued_on', 'date', (r) => r.finalIssuedOn],
      ['not_issued_notice_on', 'date', (r) => r.notIssuedNoticeOn],
      ['twenty_week_exception', 'boolean', (r) => r.twentyWeekException],
      ['opened_by', 'text', (r) => r.sourceSystem],
    ],
    update: [
      'child_id',
      'la_code',
      'decision',
      'decided_on',
      'withdrawn_on',
      'final_issued_on',
      'not_issued_notice_on',
      'twenty_week_exception',
    ],
  },
  {
    // Ceased plans first: "one current plan per child" is checked row by row.
    table: 'ehc_plan',
    scope: "issued_on BETWEEN $6 AND $7 OR ceased_on BETWEEN $6 AND $7 OR status <> 'CEASED'",
    rows: (p) =>
      p.plans.map((x) => ({ ...x, childId: p.childId })).sort((a, b) => Number(a.status === 'FINAL') - Number(b.status === 'FINAL')),
    columns: [
      ['child_id', 'uuid', childOfRow],
      ['source_id', 'text', sourceOf],
      ['issued_on', 'date', (r) => r.issuedOn],
      ['status', 'text', (r) => r.status],
      ['ceased_on', 'date', (r) => r.ceasedOn],
      ['cease_reason', 'text', (r) => r.ceaseReason],
    ],
    update: ['child_id', 'issued_on', 'status', 'ceased_on', 'cease_reason'],
  },
  {
    // Placements and needs are the state on the census date: the return covers all of them.
    table: 'placement',
    scope: 'TRUE',
    rows: (p) => p.placements.map((x) => ({ ...x, childId: p.childId })),
    // SEN2 names the setting by URN or setting code only: that is the name the hub can show.
    columns: [
      ['child_id', 'uuid', childOfRow],
      ['source_id', 'text', sourceOf],
      ['setting_name', 'text', (r) => (r.urn ? `URN ${r.urn}` : `SEN2 setting ${r.settingCode}`)],
      ['urn', 'text', (r) => r.urn],
      ['setting_code', 'text', (r) => r.settingCode],
      ['placement_type', 'text', (r) => r.placementType],
      ['start_date', 'date', (r) => r.startDate],
    ],
    update: ['child_id', 'setting_name', 'urn', 'setting_code', 'placement_type', 'start_date'],
  },
  {
    // A child has one need per rank: a need the hub held at that rank is taken over, not duplicated.
    table: 'sen_need',
    conflict: '(child_id, rank)',
    scope: 'TRUE',
    rows: (p) => p.needs.map((x) => ({ ...x, childId: p.childId })),
    columns: [
      ['child_id', 'uuid', childOfRow],
      ['rank', 'smallint', (r) => r.rank],
      ['source_id', 'text', sourceOf],
      ['sen_type', 'text', (r) => r.senType],
    ],
    update: ['source_id', 'sen_type', 'source_system'],
  },
];

export async function writeSen2(
  q: Db['query'],
  sub: Omit<SourcedWrite, 'children'>,
  checked: CheckedSen2,
  childOf: Map<string, string>,
  counts: IngestCounts,
) {
  const persons = checked.persons.map((p) => ({ ...p, childId: childOf.get(p.upn)!, laCode: checked.laCode }));
  const children = persons.map((p) => p.childId);
  const year = Number(checked.censusDate.slice(0, 4));
  const period = [`${year - 1}-01-01`, `${year - 1}-12-31`];
  // The person: identity as the return gives it; EHC_PLAN while the return has an active plan, and
  // a child whose plan the return shows ended is no longer recorded as having one.
  const rec = await q<{ inserted: boolean }>(
    `INSERT INTO education_record (child_id, source_id, upn, uln, given_name, family_name, date_of_birth, postcode_district, la_code, sen_status, source_system, submission, source_at)
     SELECT c, s, u, l, g, f, d, p, $9, CASE WHEN a THEN 'EHC_PLAN' ELSE 'NONE' END, $10, $11::uuid, $12::timestamptz
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $13::boolean[]) AS x(c, s, u, l, g, f, d, p, a)
     ON CONFLICT (child_id) DO UPDATE SET source_id = EXCLUDED.source_id, upn = EXCLUDED.upn, uln = EXCLUDED.uln, given_name = EXCLUDED.given_name,
       family_name = EXCLUDED.family_name, date_of_birth = EXCLUDED.date_of_birth, postcode_district = EXCLUDED.postcode_district, la_code = EXCLUDED.la_code,
       sen_status = CASE WHEN EXCLUDED.sen_status = 'EHC_PLAN' THEN 'EHC_PLAN' WHEN education_record.sen_status = 'EHC_PLAN' THEN 'NONE' ELSE education_record.sen_status END,
       source_system = EXCLUDED.source_system, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at, closed_at = NULL
     WHERE (education_record.source_id, education_record.upn, education_record.uln, education_record.given_name, education_record.family_name, education_record.date_of_birth,
            education_record.postcode_district, education_record.la_code, education_record.sen_status = 'EHC_PLAN', education_record.source_system)
       IS DISTINCT FROM (EXCLUDED.source_id, EXCLUDED.upn, EXCLUDED.uln, EXCLUDED.given_name, EXCLUDED.family_name, EXCLUDED.date_of_birth,
            EXCLUDED.postcode_district, EXCLUDED.la_code, EXCLUDED.sen_status = 'EHC_PLAN', EXCLUDED.source_system)
     RETURNING (xmax = 0) AS inserted`,
    [
      children,
      persons.map((p) => p.sourceId),
      persons.map((p) => p.upn),
      persons.map((p) => p.uln),
      persons.map((p) => p.forename),
      persons.map((p) => p.surname),
      persons.map((p) => p.dateOfBirth),
      persons.map((p) => p.postcodeDistrict),
      checked.laCode,
      sub.sourceSystem,
      sub.submission,
      sub.at,
      persons.map((p) => p.active),
    ],
  );
  tallyUpsert(counts, persons.length, rec);
  for (const t of TABLES)
    await writeSourced(
      q,
      t,
      persons.flatMap((p) => t.rows(p)).map((r) => ({ ...r, sourceSystem: sub.sourceSystem })),
      { ...sub, children },
      counts,
      { scope: t.scope, params: t.scope === 'TRUE' ? [] : period },
    );
}

// Writes a checked SEN2 return in ONE transaction: the submission row, then per table one statement
// that closes what this source no longer sends for these children and one that upserts the whole
// return (unnest). Each row is keyed on the source's own key (LA, UPN, and the request's received
// date, the plan's start, the need's rank, the placement's setting and entry date), so a replay
// changes nothing and a corrected return changes only what changed. A crash anywhere rolls all of it back.
import { randomUUID } from 'node:crypto';
import { closeUnsentSql, insertSubmission, tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import type { CheckedSen2, PersonIn } from './rules';

export interface StoreResult {
  submission: string;
  counts: IngestCounts;
}

type Row = Record<string, unknown>;
/** One upsert per table: the unnest columns (name, SQL type, value per row), the conflict target, the updated columns. */
interface Upsert {
  table: string;
  columns: [string, string, (r: Row) => unknown][];
  conflict: string;
  /** Columns a later return may change (the source's key never changes). */
  update: string[];
  /** Which of this source's records the return covers ($6 period start, $7 period end; none when 'TRUE'): only those it no longer sends are closed. */
  scope: string;
}

function upsertSql(u: Upsert): string {
  const cols = u.columns.map(([c]) => c);
  const set = [...u.update, 'submission', 'source_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = `(${u.update.map((c) => `${u.table}.${c}`).join(', ')}, ${u.table}.closed_at) IS DISTINCT FROM (${u.update.map((c) => `EXCLUDED.${c}`).join(', ')}, NULL::timestamptz)`;
  return `INSERT INTO ${u.table} (${cols.join(', ')}, source_system, submission, source_at)
    SELECT ${cols.map((c) => `u.${c}`).join(', ')}, $${cols.length + 1}, $${cols.length + 2}::uuid, $${cols.length + 3}::timestamptz
    FROM unnest(${u.columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) WITH ORDINALITY AS u(${cols.join(', ')}, n) ORDER BY n
    ON CONFLICT ${u.conflict} DO UPDATE SET ${set}, closed_at = NULL WHERE ${changed}
    RETURNING (xmax = 0) AS inserted`;
}

const BY_SOURCE = '(source_system, source_id) WHERE source_id IS NOT NULL';
const childOfRow = (r: Row) => r.childId;
const sourceOf = (r: Row) => r.sourceId;

/** The sourced tables, in the order they are written (a plan or need refers to the record). */
const TABLES: (Upsert & { rows: (p: PersonIn & { childId: string; laCode: string }) => Row[] })[] = [
  {
    table: 'needs_assessment',
    conflict: BY_SOURCE,
    scope: 'request_received_on BETWEEN $6 AND $7',
    rows: (p) => p.assessments.map((a) => ({ ...a, childId: p.childId, laCode: p.laCode })),
    columns: [
      ['child_id', 'uuid', childOfRow],
      ['source_id', 'text', sourceOf],
      ['id', 'uuid', () => null],
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
    conflict: BY_SOURCE,
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
    conflict: BY_SOURCE,
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

export async function storeSen2(
  db: Db,
  sourceSystem: string,
  hash: string,
  checked: CheckedSen2,
  childOf: Map<string, string>,
  submission: string,
): Promise<StoreResult> {
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const persons = checked.persons.map((p) => ({ ...p, childId: childOf.get(p.upn)!, laCode: checked.laCode }));
  const children = persons.map((p) => p.childId);
  const year = Number(checked.censusDate.slice(0, 4));
  const [periodStart, periodEnd] = [`${year - 1}-01-01`, `${year - 1}-12-31`];
  const tally = (sent: number, rows: { inserted: boolean }[]) => tallyUpsert(counts, sent, rows);
  await db.transaction(async (q) => {
    const at = await insertSubmission(q, submission, sourceSystem, checked.submissionId, hash);
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
        sourceSystem,
        submission,
        at,
        persons.map((p) => p.active),
      ],
    );
    tally(persons.length, rec);
    for (const t of TABLES) {
      const rows = persons.flatMap((p) => t.rows(p)).map((r) => ({ ...r, sourceSystem }));
      const closed = await q(closeUnsentSql(t.table, t.scope), [
        sourceSystem,
        children,
        submission,
        at,
        rows.map(sourceOf),
        ...(t.scope === 'TRUE' ? [] : [periodStart, periodEnd]),
      ]);
      counts.closed += closed.length;
      const values = t.columns.map(([c, , v]) => (c === 'id' ? rows.map(() => randomUUID()) : rows.map(v)));
      tally(rows.length, await q<{ inserted: boolean }>(upsertSql(t), [...values, sourceSystem, submission, at]));
    }
    await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [
      submission,
      JSON.stringify({ ...counts, children: persons.length }),
    ]);
  });
  return { submission, counts };
}

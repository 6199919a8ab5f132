// Writes a checked CTF inside the submission's transaction (the ingest package's pipeline): an education record for a pupil the
// hub does not hold yet (its SEN status from the latest SEN entry; an existing record's status is
// moved between NONE and SEN_SUPPORT only, never to or from EHC_PLAN, which the LA's plan records
// own), then SEN support records and their ranked needs: one statement per table for the whole
// file. A support record is keyed on (UPN, StartDate); this source's records of these pupils that it
// no longer sends are closed, not deleted. A crash anywhere rolls all of it back.
import { createHash, randomUUID } from 'node:crypto';
import { tallyUpsert } from '@hub/ingest/tables';
import { writeSourced, type SourcedTable, type SourcedWrite } from '@hub/ingest/sourced';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import type { CheckedCtf, SupportIn } from './rules';

type Row = SupportIn & { childId: string; recordedBy: string };

/** A support record fed from a CTF: its plan of provision is the school's to write in the hub, so it starts empty. */
const SEN_SUPPORT: SourcedTable<Row> = {
  table: 'sen_support',
  columns: [
    ['id', 'uuid', () => randomUUID()],
    ['child_id', 'uuid', (r) => r.childId],
    ['source_id', 'text', (r) => r.sourceId],
    ['start_on', 'date', (r) => r.startOn],
    ['end_on', 'date', (r) => r.endOn],
    ['provision', 'jsonb', () => '[]'],
    ['next_review_on', 'date', () => null],
    ['recorded_by', 'text', (r) => r.recordedBy],
    // The record's own key for the unique (recorded_by, idempotency_key) every SEN support row has.
    ['idempotency_key', 'text', (r) => 'ctf-' + createHash('sha256').update(r.sourceId).digest('hex').slice(0, 40)],
    ['source_needs', 'text', (r) => r.needs.join(',')],
  ],
  update: ['end_on', 'source_needs'],
  returning: 'id, source_id',
};

export async function writeCtf(
  q: Db['query'],
  sub: Omit<SourcedWrite, 'children'>,
  ctf: CheckedCtf,
  childOf: Map<string, string>,
  counts: IngestCounts,
) {
  const pupils = ctf.pupils.map((p) => ({ ...p, childId: childOf.get(p.upn)! }));
  const children = pupils.map((p) => p.childId);
  tallyUpsert(
    counts,
    pupils.length,
    await q<{ inserted: boolean }>(
      `INSERT INTO education_record (child_id, upn, given_name, family_name, date_of_birth, postcode_district, la_code, sen_status)
     SELECT c, u, g, f, d, p, $8, s FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[]) AS t(c, u, g, f, d, p, s)
     ON CONFLICT (child_id) DO UPDATE SET sen_status = EXCLUDED.sen_status
     WHERE education_record.sen_status <> EXCLUDED.sen_status AND 'EHC_PLAN' NOT IN (education_record.sen_status, EXCLUDED.sen_status)
     RETURNING (xmax = 0) AS inserted`,
      [
        children,
        pupils.map((p) => p.upn),
        pupils.map((p) => p.givenName),
        pupils.map((p) => p.familyName),
        pupils.map((p) => p.dateOfBirth),
        pupils.map((p) => p.postcodeDistrict),
        pupils.map((p) => p.status),
        ctf.laCode,
      ],
    ),
  );
  // Ended records before open ones: "one open SEN support per child" is checked row by row.
  const rows = pupils
    .flatMap((p) => p.support.map((s) => ({ ...s, childId: p.childId, recordedBy: sub.sourceSystem })))
    .sort((a, b) => Number(a.endOn === null) - Number(b.endOn === null));
  const done = await writeSourced<Row, { id: string; source_id: string; inserted: boolean }>(
    q,
    SEN_SUPPORT,
    rows,
    { ...sub, children },
    counts,
  );
  // The ranked needs of every record that changed, replaced whole.
  const needsOf = new Map(rows.map((r) => [r.sourceId, r.needs]));
  const changed = done.map((d) => d.id);
  if (changed.length) {
    await q('DELETE FROM sen_support_need WHERE support_id = ANY($1::uuid[])', [changed]);
    const ids = done.flatMap((d) => needsOf.get(d.source_id)!.map(() => d.id));
    const ranks = done.flatMap((d) => needsOf.get(d.source_id)!.map((_, k) => k + 1));
    const types = done.flatMap((d) => needsOf.get(d.source_id)!);
    await q('INSERT INTO sen_support_need (support_id, rank, sen_type) SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[])', [
      ids,
      ranks,
      types,
    ]);
  }
}

/** UPNs education already holds under another hub id (or a child held under another UPN): a conflict, never merged. */
export async function conflictingPupils(db: Db, pairs: { childId: string; key: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ upn: string }>(
    `WITH t(c, u) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT t.u AS upn FROM t JOIN education_record r ON r.upn = t.u WHERE r.child_id <> t.c
     UNION SELECT t.u FROM t JOIN education_record r ON r.child_id = t.c WHERE r.upn IS DISTINCT FROM t.u`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.key)],
  );
  return new Set(rows.map((r) => r.upn));
}

// Writes a checked CTF in ONE transaction: the submission row, an education record for a pupil the
// hub does not hold yet (its SEN status from the latest SEN entry; an existing record's status is
// moved between NONE and SEN_SUPPORT only, never to or from EHC_PLAN, which the LA's plan records
// own), then SEN support records and their ranked needs: one statement per table for the whole
// file. A support record is keyed on (UPN, StartDate); this source's records of these pupils that it
// no longer sends are closed, not deleted. A crash anywhere rolls all of it back.
import { createHash, randomUUID } from 'node:crypto';
import { closeUnsentSql, insertSubmission, tallyUpsert } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import type { CheckedCtf } from './rules';

export async function storeCtf(db: Db, sourceSystem: string, hash: string, ctf: CheckedCtf, childOf: Map<string, string>) {
  const submission = randomUUID();
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const pupils = ctf.pupils.map((p) => ({ ...p, childId: childOf.get(p.upn)! }));
  const children = pupils.map((p) => p.childId);
  await db.transaction(async (q) => {
    const at = await insertSubmission(q, submission, sourceSystem, ctf.submissionId, hash);
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
    const rows = pupils.flatMap((p) => p.support.map((s) => ({ ...s, childId: p.childId })));
    counts.closed += (await q(closeUnsentSql('sen_support'), [sourceSystem, children, submission, at, rows.map((r) => r.sourceId)])).length;
    // Ended records before open ones: "one open SEN support per child" is checked row by row.
    rows.sort((a, b) => Number(a.endOn === null) - Number(b.endOn === null));
    const done = await q<{ id: string; source_id: string; inserted: boolean }>(
      `INSERT INTO sen_support (id, child_id, start_on, end_on, provision, next_review_on, recorded_by, idempotency_key, source_system, source_id, submission, source_at, source_needs)
       SELECT gen_random_uuid(), c, b, e, '[]'::jsonb, NULL, $6, k, $6, s, $7::uuid, $8::timestamptz, n
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::text[], $9::text[]) WITH ORDINALITY AS t(c, s, b, e, n, k, o) ORDER BY o
       ON CONFLICT (source_system, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
         end_on = EXCLUDED.end_on, source_needs = EXCLUDED.source_needs, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at, closed_at = NULL
       WHERE (sen_support.end_on, sen_support.source_needs, sen_support.closed_at) IS DISTINCT FROM (EXCLUDED.end_on, EXCLUDED.source_needs, NULL::timestamptz)
       RETURNING id, source_id, (xmax = 0) AS inserted`,
      [
        rows.map((r) => r.childId),
        rows.map((r) => r.sourceId),
        rows.map((r) => r.startOn),
        rows.map((r) => r.endOn),
        rows.map((r) => r.needs.join(',')),
        sourceSystem,
        submission,
        at,
        // The record's own key for the unique (recorded_by, idempotency_key) every SEN support row has.
        rows.map((r) => 'ctf-' + createHash('sha256').update(r.sourceId).digest('hex').slice(0, 40)),
      ],
    );
    tallyUpsert(counts, rows.length, done);
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
    await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [submission, JSON.stringify({ ...counts, pupils: pupils.length })]);
  });
  return { submission, counts };
}

/** UPNs education already holds under another hub id (or a child held under another UPN): a conflict, never merged. */
export async function conflictingPupils(db: Db, pairs: { childId: string; upn: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ upn: string }>(
    `WITH t(c, u) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT t.u AS upn FROM t JOIN education_record r ON r.upn = t.u WHERE r.child_id <> t.c
     UNION SELECT t.u FROM t JOIN education_record r ON r.child_id = t.c WHERE r.upn IS DISTINCT FROM t.u`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.upn)],
  );
  return new Set(rows.map((r) => r.upn));
}

// Writes a checked Open Referral UK submission inside its transaction (the ingestion pipeline): one upsert
// for every service, and one update closing this source's services the directory no longer lists
// (closed, not deleted: children's service uses still point at them). A directory submission is
// the whole directory, so "no longer lists" is over every service this source fed.
import { type Db } from '@hub/runtime/db';
import type { IngestCounts } from '../issues';
import type { SubmissionWrite } from '../pipeline';
import { tallyUpsert } from '../tables';
import type { ServiceIn } from './read';

/** The columns that make a fed service: added to commissioned_service in every agency that accepts a directory. */
export const OPEN_REFERRAL_COLUMNS_SQL = `
  ALTER TABLE commissioned_service ADD COLUMN source_system text, ADD COLUMN submission uuid REFERENCES ingest_submission(id),
    ADD COLUMN source_at timestamptz, ADD COLUMN closed_at timestamptz;`;
export const OPEN_REFERRAL_COLUMNS_DOWN_SQL = `ALTER TABLE commissioned_service DROP COLUMN source_system, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`;

const COMPARED = ['organisation', 'name', 'description', 'eligibility', 'capacity', 'service_area', 'taxonomy', 'source_system'];

export async function writeServices(q: Db['query'], w: SubmissionWrite, services: ServiceIn[], counts: IngestCounts) {
  const { sourceSystem, submission, at } = w;
  const organisation = w.caller.org;
  const closed = await q(
    `UPDATE commissioned_service SET closed_at = $3, submission = $2 WHERE source_system = $1 AND closed_at IS NULL AND NOT (id = ANY($4::text[])) RETURNING 1`,
    [sourceSystem, submission, at, services.map((s) => s.id)],
  );
  counts.closed = closed.length;
  // A directory seldom states capacity (HSDS 3's service_capacities): without it the hub keeps the
  // contract's figure it already holds, and a new service starts at 0. Areas travel as JSON because
  // unnest flattens an array of arrays.
  const done = await q<{ inserted: boolean }>(
    `WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS u(id, name, d, e, k, a, t))
       INSERT INTO commissioned_service (id, organisation, name, description, eligibility, capacity, service_area, taxonomy, source_system, submission, source_at)
       SELECT u.id, $8, u.name, u.d, u.e, coalesce(u.k, cs.capacity, 0), ARRAY(SELECT json_array_elements_text(u.a::json)), u.t, $9, $10::uuid, $11::timestamptz
       FROM u LEFT JOIN commissioned_service cs ON cs.id = u.id
       ON CONFLICT (id) DO UPDATE SET ${COMPARED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at, closed_at = NULL
       WHERE (${[...COMPARED, 'closed_at'].map((c) => `commissioned_service.${c}`).join(', ')}) IS DISTINCT FROM (${COMPARED.map((c) => `EXCLUDED.${c}`).join(', ')}, NULL::timestamptz)
       RETURNING (xmax = 0) AS inserted`,
    [
      services.map((s) => s.id),
      services.map((s) => s.name),
      services.map((s) => s.description),
      services.map((s) => s.eligibility),
      services.map((s) => s.capacity),
      services.map((s) => JSON.stringify(s.serviceArea)),
      services.map((s) => s.taxonomy),
      organisation,
      sourceSystem,
      submission,
      at,
    ],
  );
  tallyUpsert(counts, services.length, done);
}

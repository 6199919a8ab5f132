// Writes a checked Bundle, inside the submission's transaction (the ingest package's pipeline): the children's
// health records, then each sourced table with the ingest package's writeSourced (one close, one upsert). Each
// entry's outcome (created, updated, unchanged) is kept for the FHIR transaction-response.
import { tallyUpsert } from '@hub/ingest/tables';
import { writeSourced, type SourcedTable } from '@hub/ingest/sourced';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import { type SubmissionWrite } from '@hub/ingest/pipeline';
import type { DiagnosisIn, EpisodeIn, ParsedBundle, ReferralIn } from './bundle';

export type Outcome = Map<number, 'created' | 'updated' | 'unchanged'>;
type Sourced<R> = SourcedTable<R & { childId: string }>;
/** Every sourced table's first columns: the hub child, and the record's id in the source. */
const key = [
  ['child_id', 'uuid', (r: { childId: string }) => r.childId],
  ['source_id', 'text', (r: { sourceId: string }) => r.sourceId],
] as const;

const DIAGNOSIS: Sourced<DiagnosisIn> = {
  table: 'diagnosis',
  columns: [
    ...key,
    ['code', 'text', (d) => d.code],
    ['description', 'text', (d) => d.description],
    ['diagnosed_on', 'date', (d) => d.diagnosedOn],
    ['mental_health', 'boolean', (d) => d.mentalHealth],
  ],
  update: ['child_id', 'code', 'description', 'diagnosed_on', 'mental_health'],
  returning: 'source_id',
};
const REFERRAL: Sourced<ReferralIn> = {
  table: 'referral',
  columns: [
    ...key,
    ['service', 'text', (r) => r.service],
    ['organisation', 'text', (r) => r.organisation],
    ['referred_on', 'date', (r) => r.referredOn],
    ['first_treatment_on', 'date', (r) => r.firstTreatmentOn],
  ],
  update: ['child_id', 'service', 'organisation', 'referred_on', 'first_treatment_on'],
  returning: 'source_id',
};
const EPISODE: Sourced<EpisodeIn> = {
  table: 'therapy_episode',
  columns: [
    ...key,
    ['service', 'text', (e) => e.service],
    ['organisation', 'text', (e) => e.organisation],
    ['start_date', 'date', (e) => e.startDate],
    ['end_date', 'date', (e) => e.endDate],
    ['care_manager', 'text', (e) => e.careManager],
  ],
  update: ['child_id', 'service', 'organisation', 'start_date', 'end_date', 'care_manager'],
  returning: 'source_id',
};

export async function writeBundle(
  q: Db['query'],
  w: SubmissionWrite,
  parsed: ParsedBundle,
  childOf: Map<string, string>,
  counts: IngestCounts,
): Promise<Outcome> {
  const outcome: Outcome = new Map();
  const children = [...new Set(parsed.patients.map((p) => childOf.get(p.nhsNumber)!))];
  /** Each entry sent: created or updated when the statement changed its row, else unchanged. */
  const mark = (entries: { entry: number; key: string }[], changed: Map<string, boolean>) => {
    for (const { entry, key } of entries) {
      const c = changed.get(key);
      outcome.set(entry, c === undefined ? 'unchanged' : c ? 'created' : 'updated');
    }
  };

  const rec = await q<{ child_id: string; inserted: boolean }>(
    `INSERT INTO health_record (child_id, nhs_number, gp_practice, source_system, submission, source_at)
     SELECT c, n, g, $4, $5::uuid, $6::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(c, n, g)
     ON CONFLICT (child_id) DO UPDATE SET nhs_number = EXCLUDED.nhs_number, gp_practice = EXCLUDED.gp_practice,
       source_system = EXCLUDED.source_system, submission = EXCLUDED.submission, source_at = EXCLUDED.source_at
     WHERE (health_record.nhs_number, health_record.gp_practice, health_record.source_system) IS DISTINCT FROM (EXCLUDED.nhs_number, EXCLUDED.gp_practice, EXCLUDED.source_system)
     RETURNING child_id, (xmax = 0) AS inserted`,
    [
      parsed.patients.map((p) => childOf.get(p.nhsNumber)),
      parsed.patients.map((p) => p.nhsNumber),
      parsed.patients.map((p) => p.gpPractice),
      w.sourceSystem,
      w.submission,
      w.at,
    ],
  );
  tallyUpsert(counts, parsed.patients.length, rec);
  mark(
    parsed.patients.map((p) => ({ entry: p.entry, key: childOf.get(p.nhsNumber)! })),
    new Map(rec.map((r) => [r.child_id, r.inserted])),
  );

  const sourced = { ...w, children };
  const write = async <R extends { entry: number; sourceId: string; nhsNumber: string }>(t: Sourced<R>, rows: R[]) => {
    const done = await writeSourced<R & { childId: string }, { source_id: string; inserted: boolean }>(
      q,
      t,
      rows.map((r) => ({ ...r, childId: childOf.get(r.nhsNumber)! })),
      sourced,
      counts,
    );
    mark(
      rows.map((r) => ({ entry: r.entry, key: r.sourceId })),
      new Map(done.map((d) => [d.source_id, d.inserted])),
    );
  };
  await write(DIAGNOSIS, parsed.diagnoses);
  await write(REFERRAL, parsed.referrals);
  await write(EPISODE, parsed.episodes);
  return outcome;
}

/** Children whose NHS number this agency already holds under another hub id: a conflict, never merged. */
export async function conflictingRecords(db: Db, pairs: { childId: string; key: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ nhs_number: string }>(
    // Two indexed look-ups (by NHS number, by child id); one join on their OR would scan the table.
    `WITH u(c, n) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT u.n AS nhs_number FROM u JOIN health_record r ON r.nhs_number = u.n WHERE r.child_id <> u.c
     UNION SELECT u.n FROM u JOIN health_record r ON r.child_id = u.c WHERE r.nhs_number <> u.n`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.key)],
  );
  return new Set(rows.map((r) => r.nhs_number));
}

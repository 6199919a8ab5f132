// Writes a checked Bundle in ONE transaction: the submission row, then one statement per table for
// the whole batch (unnest), each an upsert on the source's own id that changes a row only when the
// source now says something different. Records of this source for the children in the Bundle that
// it no longer sends are closed (closed_at), not deleted. A crash anywhere rolls all of it back.
import { randomUUID } from 'node:crypto';
import { closeUnsentSql, insertSubmission } from '@hub/ingest/tables';
import { type Db } from '@hub/runtime/db';
import { type IngestCounts } from '@hub/ingest/issues';
import type { ParsedBundle } from './bundle';

export interface StoreResult {
  submission: string;
  receivedAt: string;
  counts: IngestCounts;
  /** Per Bundle entry: created, updated or unchanged. */
  outcome: Map<number, 'created' | 'updated' | 'unchanged'>;
}

interface TableSpec {
  table: string;
  columns: { name: string; type: string }[];
}

const TABLES = {
  diagnosis: {
    table: 'diagnosis',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'diagnosed_on', type: 'date' },
      { name: 'mental_health', type: 'boolean' },
    ],
  },
  referral: {
    table: 'referral',
    columns: [
      { name: 'service', type: 'text' },
      { name: 'organisation', type: 'text' },
      { name: 'referred_on', type: 'date' },
      { name: 'first_treatment_on', type: 'date' },
    ],
  },
  therapy_episode: {
    table: 'therapy_episode',
    columns: [
      { name: 'service', type: 'text' },
      { name: 'organisation', type: 'text' },
      { name: 'start_date', type: 'date' },
      { name: 'end_date', type: 'date' },
      { name: 'care_manager', type: 'text' },
    ],
  },
} satisfies Record<string, TableSpec>;

/** One upsert for every row of a table: $1 child ids, $2 source ids, then one array per column. */
function upsertSql({ table, columns }: TableSpec): string {
  const n = columns.length;
  const names = columns.map((c) => c.name);
  const arrays = ['$1::uuid[]', '$2::text[]', ...columns.map((c, k) => `$${k + 3}::${c.type}[]`)].join(', ');
  const t = ['child_id', 'source_id', ...names].join(', ');
  const cmp = ['child_id', ...names, 'closed_at'];
  return `INSERT INTO ${table} (child_id, source_id, ${names.join(', ')}, source_system, submission, source_at)
    SELECT ${t}, $${n + 3}, $${n + 4}::uuid, $${n + 5}::timestamptz FROM unnest(${arrays}) AS u(${t})
    ON CONFLICT (source_system, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
      ${['child_id', ...names, 'submission', 'source_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, closed_at = NULL
    WHERE (${cmp.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${cmp.map((c) => (c === 'closed_at' ? 'NULL::timestamptz' : `EXCLUDED.${c}`)).join(', ')})
    RETURNING source_id, (xmax = 0) AS inserted`;
}

export async function storeBundle(
  db: Db,
  sourceSystem: string,
  hash: string,
  parsed: ParsedBundle,
  childOf: Map<string, string>,
): Promise<StoreResult> {
  const submission = randomUUID();
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const outcome = new Map<number, 'created' | 'updated' | 'unchanged'>();
  const children = [...new Set(parsed.patients.map((p) => childOf.get(p.nhsNumber)!))];
  const receivedAt = await db.transaction(async (q) => {
    const at = await insertSubmission(q, submission, sourceSystem, parsed.submissionId, hash);
    const mark = (entries: number[], changed: Map<string, boolean>, keyOf: (e: number) => string) => {
      for (const e of entries) {
        const c = changed.get(keyOf(e));
        const o = c === undefined ? 'unchanged' : c ? 'created' : 'updated';
        outcome.set(e, o);
        counts[o]++;
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
        sourceSystem,
        submission,
        at,
      ],
    );
    const byNhs = new Map(parsed.patients.map((p) => [childOf.get(p.nhsNumber)!, p.entry]));
    mark(
      parsed.patients.map((p) => p.entry),
      new Map(rec.map((r) => [String(byNhs.get(r.child_id)), r.inserted])),
      String,
    );

    const write = async <T extends { entry: number; sourceId: string; nhsNumber: string }>(
      spec: TableSpec,
      rows: T[],
      values: (r: T) => unknown[],
    ) => {
      const cols = spec.columns.map((_, k) => rows.map((r) => values(r)[k]));
      const done = await q<{ source_id: string; inserted: boolean }>(upsertSql(spec), [
        rows.map((r) => childOf.get(r.nhsNumber)),
        rows.map((r) => r.sourceId),
        ...cols,
        sourceSystem,
        submission,
        at,
      ]);
      const bySource = new Map(rows.map((r) => [r.sourceId, r.entry]));
      mark(
        rows.map((r) => r.entry),
        new Map(done.map((d) => [String(bySource.get(d.source_id)), d.inserted])),
        String,
      );
      const closed = await q(closeUnsentSql(spec.table), [sourceSystem, children, submission, at, rows.map((r) => r.sourceId)]);
      counts.closed += closed.length;
    };
    await write(TABLES.diagnosis, parsed.diagnoses, (d) => [d.code, d.description, d.diagnosedOn, d.mentalHealth]);
    await write(TABLES.referral, parsed.referrals, (r) => [r.service, r.organisation, r.referredOn, r.firstTreatmentOn]);
    await write(TABLES.therapy_episode, parsed.episodes, (e) => [e.service, e.organisation, e.startDate, e.endDate, e.careManager]);
    await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [
      submission,
      JSON.stringify({ ...counts, children: children.length, entries: parsed.entries.length }),
    ]);
    return at;
  });
  return { submission, receivedAt, counts, outcome };
}

/** Children whose NHS number this agency already holds under another hub id: a conflict, never merged. */
export async function conflictingRecords(db: Db, pairs: { childId: string; nhsNumber: string }[]): Promise<Set<string>> {
  const rows = await db.query<{ nhs_number: string }>(
    // Two indexed look-ups (by NHS number, by child id); one join on their OR would scan the table.
    `WITH u(c, n) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
     SELECT u.n AS nhs_number FROM u JOIN health_record r ON r.nhs_number = u.n WHERE r.child_id <> u.c
     UNION SELECT u.n FROM u JOIN health_record r ON r.child_id = u.c WHERE r.nhs_number <> u.n`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.nhsNumber)],
  );
  return new Set(rows.map((r) => r.nhs_number));
}

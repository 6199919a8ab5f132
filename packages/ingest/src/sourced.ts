// How every format writes a table of sourced records: one statement closing what this source no
// longer sends for the submission's children (closed, not deleted), then one upsert for the whole
// submission (unnest), keyed on the source's own id, that changes a row only when the source now
// says something different. A replay therefore changes nothing, and a correction only what changed.
import { type Db } from '@hub/runtime/db';
import type { IngestCounts } from './issues';
import { closeUnsentSql, tallyUpsert } from './tables';

/** The upsert target of a record the source identifies: its (source system, source id). */
export const BY_SOURCE = '(source_system, source_id) WHERE source_id IS NOT NULL';

export interface SourcedTable<R> {
  table: string;
  /** [column, SQL type, the row's value]; source_system, submission and source_at are added. */
  columns: readonly (readonly [string, string, (r: R) => unknown])[];
  /** Columns a later submission may change (the source's key never changes). */
  update: readonly string[];
  /** The conflict target; the source's own id unless said. */
  conflict?: string;
  /** Further assignments made when a row changes. */
  alsoSet?: string;
  /** Columns returned beside `inserted`. */
  returning?: string;
}

export function sourcedUpsertSql<R>(t: SourcedTable<R>): string {
  const cols = t.columns.map(([c]) => c);
  const n = cols.length;
  const set = [...t.update, 'submission', 'source_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = `(${t.update.map((c) => `${t.table}.${c}`).join(', ')}, ${t.table}.closed_at) IS DISTINCT FROM (${t.update.map((c) => `EXCLUDED.${c}`).join(', ')}, NULL::timestamptz)`;
  return `INSERT INTO ${t.table} (${cols.join(', ')}, source_system, submission, source_at)
    SELECT ${cols.map((c) => `u.${c}`).join(', ')}, $${n + 1}, $${n + 2}::uuid, $${n + 3}::timestamptz
    FROM unnest(${t.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS u(${cols.join(', ')}, n) ORDER BY n
    ON CONFLICT ${t.conflict ?? BY_SOURCE} DO UPDATE SET ${set}, closed_at = NULL${t.alsoSet ? `, ${t.alsoSet}` : ''} WHERE ${changed}
    RETURNING ${t.returning ? `${t.returning}, ` : ''}(xmax = 0) AS inserted`;
}

export interface SourcedWrite {
  sourceSystem: string;
  submission: string;
  at: string;
  /** Hub child ids of every child the submission carries: their records it does not send are closed. */
  children: string[];
}

/** What the submission covers of a table, for a return that reports a period (closeUnsentSql's scope, its $6 and $7). */
export interface CloseScope {
  scope: string;
  params: unknown[];
}

/** Closes this source's unsent records of the children, then upserts the rows in their order; returns the rows the upsert changed. */
export async function writeSourced<R, Out extends { inserted: boolean } = { inserted: boolean }>(
  q: Db['query'],
  t: SourcedTable<R>,
  rows: R[],
  w: SourcedWrite,
  counts: IngestCounts,
  close: CloseScope = { scope: 'TRUE', params: [] },
): Promise<Out[]> {
  const sent = rows.map((r) => t.columns.find(([c]) => c === 'source_id')![2](r));
  const closed = await q(closeUnsentSql(t.table, close.scope), [w.sourceSystem, w.children, w.submission, w.at, sent, ...close.params]);
  counts.closed += closed.length;
  const done = await q<Out>(sourcedUpsertSql(t), [...t.columns.map(([, , v]) => rows.map(v)), w.sourceSystem, w.submission, w.at]);
  tallyUpsert(counts, rows.length, done);
  return done;
}

// The DfE 903 rules that need last year's return (502, 503A-D, as the DfE's 903 validator numbers
// them): checked against the episodes the hub holds from the LA's return for the collection year
// before this one, when it has one. "A year's record" of a child is the episodes open at some time
// in that collection year (1 April to 31 March), so a return holding the child's whole history
// reads the same as one holding only the year's episodes.
import { type Db } from '@hub/runtime/db';
import { type IssueList } from '@hub/ingest/issues';
import type { Checked903, EpisodeIn } from './rules';

/** A held episode of last year's return. */
export type HeldEpisode = Omit<EpisodeIn, 'row' | 'rec'>;

const yearBefore = (end: string) => `${Number(end.slice(0, 4)) - 1}${end.slice(4)}`;
/** The 1 April that starts the collection year ending on `end`. */
const yearStart = (end: string) => `${yearBefore(end).slice(0, 4)}-04-01`;
/** The episodes of a child's record for the year ending `end`: those not ceased before it began, in DECOM order. */
const ofYear = <E extends { start: string; end: string | null }>(episodes: E[], end: string) =>
  episodes.filter((e) => e.start <= end && (e.end === null || e.end >= yearStart(end))).sort((a, b) => a.start.localeCompare(b.start));

/** Last year's episodes of these children, as the LA's latest accepted return for that year sent them; by LA child id. */
export async function heldLastYear(db: Db, checked: Checked903): Promise<Map<string, HeldEpisode[]>> {
  if (!checked.collectionEnd || !checked.children.length) return new Map();
  // Per child, the latest accepted return of the LA for that year that held it (a split return is several submissions).
  const rows = await db.query<HeldEpisode & { la_child_id: string }>(
    `SELECT e.la_child_id, to_char(e.decom, 'YYYY-MM-DD') AS start, to_char(e.dec, 'YYYY-MM-DD') AS "end", e.rne, e.ls, e.cin, e.place
       FROM cla_episode e
      WHERE e.la_code = $1 AND e.collection_end = $2 AND e.la_child_id = ANY($3::text[])
        AND e.submission = (SELECT l.submission FROM cla_episode l JOIN ingest_submission s ON s.id = l.submission
                             WHERE l.la_code = e.la_code AND l.collection_end = e.collection_end AND l.la_child_id = e.la_child_id
                             ORDER BY s.received_at DESC LIMIT 1)`,
    [checked.laCode, yearBefore(checked.collectionEnd), checked.children.map((c) => c.laChildId)],
  );
  const held = new Map<string, HeldEpisode[]>();
  for (const r of rows) held.set(r.la_child_id, [...(held.get(r.la_child_id) ?? []), r]);
  return held;
}

const SAME_AS_LAST_YEAR = [
  ['503A', 'rne', 'RNE', 'The reason for new episode in the first episode does not match open episode at end of last year.'],
  ['503B', 'ls', 'LS', 'The legal status in the first episode does not match open episode at end of last year.'],
  ['503C', 'cin', 'CIN', 'The category of need in the first episode does not match open episode at end of last year.'],
  ['503D', 'place', 'PLACE', 'The placement type in the first episode does not match open episode at end of last year'],
] as const satisfies readonly (readonly [string, keyof HeldEpisode & keyof EpisodeIn, string, string])[];

/** Each child's first episode this year against the episode last year's record ended with. */
export function checkLastYear(checked: Checked903, held: Map<string, HeldEpisode[]>, issues: IssueList): void {
  const end = checked.collectionEnd;
  if (!end) return;
  for (const child of checked.children) {
    const last = ofYear(held.get(child.laChildId) ?? [], yearBefore(end)).at(-1);
    const first = ofYear(child.episodes, end)[0];
    if (!last || !first) continue;
    if (last.end === null && first.start !== last.start)
      issues.error(
        first.row,
        'Episodes',
        'DECOM',
        '502',
        'Last year’s record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.',
      );
    if (first.start === last.start)
      for (const [code, key, field, message] of SAME_AS_LAST_YEAR)
        if (first[key] !== last[key]) issues.error(first.row, 'Episodes', field, code, message);
  }
}

/** How many collection years of an LA's returns are kept: the latest, and the one before for a late resubmission's checks. */
const YEARS_KEPT = 2;

/**
 * Inside the submission's transaction: this return's episodes, kept as its record of the year. Only
 * what the rules can read stays (they are personal data): a child's episodes from an earlier return
 * for the same year give way to these, and years more than YEARS_KEPT before the LA's latest go.
 */
export async function keepEpisodes(q: Db['query'], submission: string, checked: Checked903): Promise<void> {
  if (!checked.collectionEnd) return;
  await q(`DELETE FROM cla_episode WHERE la_code = $1 AND collection_end = $2 AND la_child_id = ANY($3::text[]) AND submission <> $4`, [
    checked.laCode,
    checked.collectionEnd,
    checked.children.map((c) => c.laChildId),
    submission,
  ]);
  const rows = checked.children.flatMap((c) => c.episodes.map((e) => ({ ...e, child: c.laChildId })));
  await q(
    `INSERT INTO cla_episode (submission, collection_end, la_code, la_child_id, decom, dec, rne, ls, cin, place, rec)
     SELECT $1, $2, $3, c, b, e, r, l, n, p, x
     FROM unnest($4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS u(c, b, e, r, l, n, p, x)`,
    [
      submission,
      checked.collectionEnd,
      checked.laCode,
      rows.map((r) => r.child),
      rows.map((r) => r.start),
      rows.map((r) => r.end),
      rows.map((r) => r.rne),
      rows.map((r) => r.ls),
      rows.map((r) => r.cin),
      rows.map((r) => r.place),
      rows.map((r) => r.rec),
    ],
  );
  await q(
    `DELETE FROM cla_episode WHERE la_code = $1
       AND collection_end < (SELECT max(collection_end) FROM cla_episode WHERE la_code = $1) - make_interval(years => $2)`,
    [checked.laCode, YEARS_KEPT],
  );
}

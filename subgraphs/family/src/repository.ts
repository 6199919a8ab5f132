// Every read of the family's story goes through here: the current version of many children in one
// statement per request (the DataLoader), the audit record riding on it (subgraph.ts auditingDb).
import { oneByKey } from '@hub/runtime/loaders';
import { type Db } from '@hub/runtime/db';
import type { FamilyRelation } from '@hub/schema';
import { correctionsLoader } from './corrections/repository';

export const SECTIONS = ['views', 'interests', 'aspirations', 'whatWorks', 'whatDoesNotWork', 'communication', 'importantPeople'] as const;

const COLUMNS = 'child_id, version, written_as, written_at, sections';

/** One version of the story as COLUMNS select it. */
export interface FamilyStoryRow {
  child_id: string;
  version: number;
  written_as: FamilyRelation;
  written_at: Date;
  sections: Partial<Record<(typeof SECTIONS)[number], string | null>>;
}

export function storyOut(r: FamilyStoryRow) {
  return {
    childId: r.child_id,
    version: r.version,
    writtenAs: r.written_as,
    writtenAt: new Date(r.written_at).toISOString(),
    ...r.sections,
  };
}

export function loaders(db: Db) {
  return {
    current: oneByKey<FamilyStoryRow>(
      db,
      `SELECT DISTINCT ON (child_id) ${COLUMNS} FROM family_story WHERE child_id = ANY($1::uuid[]) ORDER BY child_id, version DESC`,
      'child_id',
    ),
    corrections: correctionsLoader(db),
  };
}
export type Loaders = ReturnType<typeof loaders>;

export async function versions(db: Db, childId: string) {
  return (await db.query<FamilyStoryRow>(`SELECT ${COLUMNS} FROM family_story WHERE child_id = $1 ORDER BY version DESC`, [childId])).map(
    storyOut,
  );
}

/** Appends the next version (or finds the one this user's retry already wrote). */
export async function writeVersion(
  db: Db,
  row: { childId: string; sub: string; as: string; sections: Record<string, string | null>; key: string | null },
) {
  const inserted = await db.query<FamilyStoryRow>(
    `INSERT INTO family_story (child_id, version, written_by, written_as, sections, idempotency_key)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM family_story WHERE child_id = $1
     ON CONFLICT (written_by, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [row.childId, row.sub, row.as, JSON.stringify(row.sections), row.key],
  );
  if (inserted.length) return storyOut(inserted[0]);
  return storyOut(
    (
      await db.query<FamilyStoryRow>(`SELECT ${COLUMNS} FROM family_story WHERE written_by = $1 AND idempotency_key = $2`, [
        row.sub,
        row.key,
      ])
    )[0],
  );
}

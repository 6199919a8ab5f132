import { randomUUID } from 'node:crypto';
import { accessContextLoader } from './access';
import { identifierHash, type IdentifierKind } from '@hub/guard/linkage';
import { oneByKey } from '@hub/runtime/loaders';
import { type Db } from '@hub/runtime/db';

export function loaders(db: Db) {
  return {
    child: oneByKey<{ id: string }>(db, 'SELECT id FROM child WHERE id = ANY($1::uuid[])', 'id'),
    access: accessContextLoader(db),
  };
}
export type Loaders = ReturnType<typeof loaders>;

export async function childIdByIdentifier(db: Db, key: string, kind: IdentifierKind, value: string): Promise<string | null> {
  const rows = await db.query<{ child_id: string }>('SELECT child_id FROM child_identifier WHERE kind = $1 AND hash = $2', [
    kind,
    identifierHash(key, kind, value),
  ]);
  return rows[0]?.child_id ?? null;
}

export class LinkConflict extends Error {}

/**
 * Finds or creates the hub child for a set of identifiers, in one transaction, so that two
 * agencies registering the same child at once still end up with one id.
 */
export async function registerChild(db: Db, key: string, ids: { kind: IdentifierKind; value: string }[]): Promise<string> {
  const hashes = ids.map((i) => ({ kind: i.kind, hash: identifierHash(key, i.kind, i.value) }));
  return db.transaction(async (q) => {
    // Serialise registrations touching the same identifiers.
    await q('SELECT pg_advisory_xact_lock(hashtext($1))', [
      hashes
        .map((h) => h.hash)
        .sort()
        .join('|'),
    ]);
    const rows = await q<{ child_id: string }>(
      'SELECT DISTINCT child_id FROM child_identifier WHERE (kind, hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [hashes.map((h) => h.kind), hashes.map((h) => h.hash)],
    );
    if (rows.length > 1) throw new LinkConflict('identifiers belong to different children');
    const id = rows[0]?.child_id ?? randomUUID();
    if (!rows.length) await q('INSERT INTO child (id) VALUES ($1)', [id]);
    await q(
      'INSERT INTO child_identifier (kind, hash, child_id) SELECT k, h, $3 FROM unnest($1::text[], $2::text[]) AS t(k, h) ON CONFLICT DO NOTHING',
      [hashes.map((h) => h.kind), hashes.map((h) => h.hash), id],
    );
    return id;
  });
}

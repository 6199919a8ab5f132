// registerChildren: what registerChild does, for up to 1,000 children in one transaction and a
// handful of statements, for source systems feeding whole extracts. Each registration takes the
// same advisory lock registerChild takes for the same identifiers, so the two cannot race into
// two ids for one child. A conflict is that item's answer (conflict: true), not the batch's error,
// so a source learns which record to resolve; nothing is merged.
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { identifierHash, type IdentifierKind } from '@hub/guard/linkage';
import { linkageKey } from '@hub/runtime/settings/secrets';
import { type Db } from '@hub/runtime/db';
import { permitted, RECORD } from '../audit';
import { registrationIdentifiers } from './identifiers';
import type { Resolvers } from '../generated/graphql';

const MAX = 1000;
let linkage: string | undefined;
const key = () => (linkage ??= linkageKey());

export async function registerMany(
  db: Db,
  linkKey: string,
  inputs: { kind: IdentifierKind; value: string }[][],
): Promise<(string | null)[]> {
  const sets = inputs.map((ids) => ids.map((i) => ({ kind: i.kind, hash: identifierHash(linkKey, i.kind, i.value) })));
  const lockKeys = [
    ...new Set(
      sets.map((s) =>
        s
          .map((h) => h.hash)
          .sort()
          .join('|'),
      ),
    ),
  ].sort();
  return db.transaction(async (q) => {
    // Sorted, so two batches lock in the same order and cannot deadlock.
    await q('SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS t', [lockKeys]);
    const flat = sets.flat();
    const known = await q<{ kind: string; hash: string; child_id: string }>(
      'SELECT kind, hash, child_id FROM child_identifier WHERE (kind, hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [flat.map((h) => h.kind), flat.map((h) => h.hash)],
    );
    const owner = new Map(known.map((k) => [`${k.kind}|${k.hash}`, k.child_id]));
    const created: string[] = [];
    const links: { kind: string; hash: string; id: string }[] = [];
    const ids = sets.map((set) => {
      const owners = new Set(set.map((h) => owner.get(`${h.kind}|${h.hash}`)).filter((x): x is string => !!x));
      if (owners.size > 1) return null;
      let id = [...owners][0];
      if (!id) created.push((id = randomUUID()));
      // Later items in the same batch see this one's identifiers, as a later call would.
      for (const h of set) {
        owner.set(`${h.kind}|${h.hash}`, id);
        links.push({ ...h, id });
      }
      return id;
    });
    if (created.length) await q('INSERT INTO child (id) SELECT * FROM unnest($1::uuid[])', [created]);
    if (links.length)
      await q(
        'INSERT INTO child_identifier (kind, hash, child_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) ON CONFLICT DO NOTHING',
        [links.map((l) => l.kind), links.map((l) => l.hash), links.map((l) => l.id)],
      );
    return ids;
  });
}

export const registerChildrenResolvers: Resolvers = {
  Mutation: {
    registerChildren: async (_, { inputs }, ctx) => {
      if (inputs.length > MAX) throw badInput('inputs', `may hold at most ${MAX} registrations`);
      const checked = inputs.map((input, i) => registrationIdentifiers(input, `inputs[${i}]`));
      const ids = await registerMany(ctx.db, key(), checked);
      for (const id of ids) if (id) ctx.audit!.add(permitted(id, RECORD.childIndex, 'CREATE', 'ROLE'));
      return ids.map((id, index) => ({ index, id, conflict: id === null }));
    },
  },
};

// An education submission is all or nothing, as a FHIR or social care one: the education subgraph
// killed (kill -9) while writing an SEN2 return leaves no record of it, and the retry writes all of
// it. The write is held in flight by a table lock on the last table it writes (sen_need, observed in
// pg_stat_activity), not a sleep: by then the submission, the persons' records, their requests,
// plans and placements are written, uncommitted.
import { generatePopulation, sen2Return } from '@hub/seed';
import { tokenFor } from '../kit/hub';
import { sql } from '../kit/databases';
import { postSen2Return } from '../../scripts/ingest/client';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { killMidWrite } from './kit/writes';

let hub: FaultHub;
beforeAll(async () => {
  hub = await startFaultHub({ label: 'ingkilledu', asProcess: ['education'] });
});
afterAll(() => hub?.stop());

const counts = async () =>
  (
    await sql(
      hub.databases.education,
      `SELECT (SELECT count(*)::int FROM ingest_submission) s, (SELECT count(*)::int FROM education_record) r,
    (SELECT count(*)::int FROM needs_assessment) a, (SELECT count(*)::int FROM ehc_plan) p, (SELECT count(*)::int FROM placement) pl,
    (SELECT count(*)::int FROM sen_need) n`,
    )
  )[0];

it('kill -9 mid SEN2 return leaves nothing half-written; the retry completes', async () => {
  const population = [...generatePopulation({ children: 3000, seed: 9016 })];
  const { ret, xml } = sen2Return(population, { lea: '937', censusDate: '2027-01-21' });
  expect(ret.children.length).toBeGreaterThan(10);
  const token = await tokenFor('edu-feed');
  const before = await counts();
  const retry = await killMidWrite(hub.databases.education, hub.processes.education!, 'sen_need', counts, () =>
    postSen2Return(hub.gateway.url, token, xml),
  );
  if (!retry.ok) throw new Error(JSON.stringify(retry.errors));
  expect(retry.result).toMatchObject({ replayed: false, children: ret.children.length, closed: 0 });
  const after = await counts();
  // Every record the retry reports created is in the database, and nothing more: the killed attempt left none.
  const grown = after.r - before.r + after.a - before.a + after.p - before.p + after.pl - before.pl + after.n - before.n;
  expect(after.s).toBe(before.s + 1);
  expect(after.r).toBe(before.r + ret.children.length);
  expect(grown).toBe(retry.result.created);
  // The same bytes again: a replay, nothing written.
  const again = await postSen2Return(hub.gateway.url, token, xml);
  expect(again.ok && again.result.replayed).toBe(true);
  expect(await counts()).toEqual(after);
});

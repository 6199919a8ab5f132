// A social care submission is all or nothing, as a FHIR one: the social care subgraph killed
// (kill -9) while writing a CIN census return or an SSDA903 return leaves no record of it, and the
// retry writes all of it. The write is held in flight by a table lock on the last table it writes
// (observed in pg_stat_activity), not a sleep: by then the submission and the earlier tables are
// written, uncommitted.
import { cinCensus, fitsCinCensus, fitsSsda903, generatePopulation, ssda903 } from '@hub/seed';
import { tokenFor } from '../kit/hub';
import { sql } from '../kit/databases';
import { postCinCensus, postSsda903 } from '../../scripts/ingest/client';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { killMidWrite as killMidWriteIn } from './kit/writes';

let hub: FaultHub;
beforeAll(async () => {
  hub = await startFaultHub({ label: 'ingkillsc', asProcess: ['social-care'] });
});
afterAll(() => hub?.stop());

const counts = async () =>
  (
    await sql(
      hub.databases['social-care'],
      `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM social_care_record) r, (SELECT count(*) FROM cin_episode) c,
    (SELECT count(*) FROM cp_plan) p, (SELECT count(*) FROM disability) d, (SELECT count(*) FROM cla_period) l`,
    )
  )[0];

/** Posts, kills the subgraph once the write waits on `table`, checks nothing was kept, restarts, and returns the retry. */
const killMidWrite = <T>(table: string, post: () => Promise<{ ok: boolean } & T>) =>
  killMidWriteIn(hub.databases['social-care'], hub.processes['social-care']!, table, counts, post);

const population = [...generatePopulation({ children: 3000, seed: 9015 })];
const referenceDate = new Date().toISOString().slice(0, 10);

it('kill -9 mid CIN census return leaves nothing half-written; the retry completes', async () => {
  const children = population.filter((c) => c.laCode === '937' && fitsCinCensus(c) && c.socialCare!.disabilities.length).slice(0, 20);
  const text = cinCensus(children, { lea: '937', referenceDate });
  const token = await tokenFor('sc-feed');
  const before = await counts();
  const retry = await killMidWrite('disability', () => postCinCensus(hub.gateway.url, token, text));
  if (!retry.ok) throw new Error(JSON.stringify(retry.errors));
  expect(retry.result).toMatchObject({ replayed: false, children: children.length });
  const after = await counts();
  expect(after).toMatchObject({
    s: before.s + 1,
    r: before.r + children.length,
    d: before.d + children.reduce((n, c) => n + c.socialCare!.disabilities.length, 0),
  });
});

it('kill -9 mid SSDA903 return leaves nothing half-written; the retry completes', async () => {
  const children = population.filter((c) => fitsSsda903(c, '873')).slice(0, 20);
  const { header, episodes } = ssda903(children, { la: '873' });
  const token = await tokenFor('sc-feed');
  const before = await counts();
  const retry = await killMidWrite('cla_period', () => postSsda903(hub.gateway.url, token, '873', header, episodes));
  if (!retry.ok) throw new Error(JSON.stringify(retry.errors));
  expect(retry.result).toMatchObject({ replayed: false, children: children.length });
  expect(await counts()).toMatchObject({
    s: before.s + 1,
    r: before.r + children.length,
    l: before.l + children.reduce((n, c) => n + c.socialCare!.cla.length, 0),
  });
});

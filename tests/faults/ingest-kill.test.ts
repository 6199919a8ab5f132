// A FHIR submission is all or nothing: the health subgraph killed (kill -9) in the middle of
// writing a Bundle leaves no record of it, and the retry writes all of it. The write is held in
// flight by a table lock (observed in pg_stat_activity), not a sleep: by then the submission,
// health records, diagnoses and referrals are written, uncommitted, and the episodes wait.
import { fhirBundle, generatePopulation } from '@hub/seed';
import { tokenFor } from '../kit/hub';
import { sql } from '../kit/databases';
import { postFhirBundle } from '../../scripts/ingest/client';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { lockTable } from './kit/writes';

let hub: FaultHub;
beforeAll(async () => {
  hub = await startFaultHub({ label: 'ingkill', asProcess: ['health'] });
});
afterAll(() => hub?.stop());

const counts = async () =>
  (
    await sql(
      hub.databases.health,
      `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM health_record) r, (SELECT count(*) FROM diagnosis) d,
    (SELECT count(*) FROM referral) f, (SELECT count(*) FROM therapy_episode) e`,
    )
  )[0];

it('kill -9 mid-submission leaves nothing half-written; the retry completes', async () => {
  const population = [...generatePopulation({ children: 200, seed: 9014 })]
    .filter((c) => c.health && c.nhsNumber && c.health.episodes.length)
    .slice(0, 20);
  const bundle = fhirBundle(population, { submissionId: 'kill-test' });
  const text = JSON.stringify(bundle);
  const token = await tokenFor('health-feed');
  const before = await counts();

  const lock = await lockTable(hub.databases.health, 'therapy_episode');
  const first = postFhirBundle(hub.gateway.url, token, text);
  await lock.waiter();
  expect(await hub.processes.health!.kill('SIGKILL')).toBe('SIGKILL');
  const failed = await first;
  expect(failed.ok).toBe(false);
  await lock.release();
  // The killed process's transaction is rolled back once PostgreSQL finds its client gone.
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await sql(
      hub.databases.health,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'send-hub'",
    );
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await counts()).toEqual(before);

  await hub.processes.health!.restart();
  const retry = await postFhirBundle(hub.gateway.url, token, text);
  if (!retry.ok) throw new Error(JSON.stringify(retry.errors));
  expect(retry.result.replayed).toBe(false);
  const records = bundle.entry!.filter((e) => e.resource!.resourceType !== 'Encounter').length;
  expect(retry.result.created).toBe(records);
  const after = await counts();
  const episodes = population.reduce((n, c) => n + c.health!.episodes.length, 0);
  expect(after).toEqual({ ...before, s: before.s + 1, r: before.r + population.length, e: before.e + episodes, d: after.d, f: after.f });
  expect(after.d - before.d + after.f - before.f).toBe(
    population.reduce((n, c) => n + c.health!.diagnoses.length + c.health!.referrals.length, 0),
  );
});

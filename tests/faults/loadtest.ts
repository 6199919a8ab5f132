// npm run loadtest:faults — writes and reads through the gateway for DURATION_S seconds (default
// 75) while the governance subgraph (which takes the writes) is killed with SIGKILL and started
// again in the middle. Every service is its own process on a private PostgreSQL cluster.
//
// Writers record consents with a client idempotency key and retry any unclear failure (no answer,
// service unavailable, database unavailable) with the same key until it is acknowledged. At the end
// the database is compared with what was acknowledged: every acknowledged write must be there,
// exactly once, under the id the client was given. Reads report their error rate while governance
// was up versus down. Prints progress every 5 s and a report; exits 1 if a write was lost or doubled.
import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { endOfCompulsorySchoolAge } from '@hub/guard/policy/capacity';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';
import { DEMO_CHILDREN, writeCatalogue, writeDemo } from '@hub/seed';
import { createDatabases } from '../kit/databases';
import { migrateAll, tokenFor } from '../kit/hub';
import { startPrivateCluster } from './kit/cluster';
import { freePort, spawnService, subgraphEnv, type ServiceProcess } from './kit/processes';
import { RECORD_CONSENT } from './kit/writes';

const DURATION_S = Number(process.env.DURATION_S || 75);
const KILL_AT_S = Number(process.env.KILL_AT_S || Math.round(DURATION_S / 3));
const DOWN_FOR_S = Number(process.env.DOWN_FOR_S || 15);
const WRITERS = Number(process.env.WRITERS || 4);
const READERS = Number(process.env.READERS || 4);

const today = new Date().toISOString().slice(0, 10);
const children = DEMO_CHILDREN.filter((c) => endOfCompulsorySchoolAge(c.dateOfBirth) >= today); // a parent decides
const JOINT = `query($id: ID!) { child(id: $id) { id education { senStatus } health { referrals { service } } socialCare { cinEpisodes { primaryNeed } } } }`;
const SERVICES = `{ educationServices { id } healthServices { id } }`;

type Phase = 'up' | 'down';
let phase: Phase = 'up';
let stopAt = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

async function post(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

const writes = { acked: new Map<string, string>(), attempts: 0, unclear: 0, rejected: 0 };

async function writer(url: string, token: string) {
  while (Date.now() < stopAt) {
    const key = `load-${randomUUID()}`;
    const input = {
      childId: pick(children).id,
      decider: 'PARENT',
      method: 'SIGNED_FORM',
      provisions: [{ effect: 'PERMIT', categories: ['EDUCATION'] }],
    };
    // Retry until acknowledged: a write once attempted is never abandoned (the client's duty).
    for (;;) {
      writes.attempts++;
      try {
        const r = await post(url, token, RECORD_CONSENT, { input, key });
        const id = r.body.data?.recordConsent?.id;
        if (id) {
          writes.acked.set(key, id);
          break;
        }
        if (r.body.errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
          writes.rejected++;
          break;
        }
      } catch {}
      writes.unclear++;
      await sleep(200);
    }
  }
}

const reads: Record<string, Record<Phase, { ok: number; failed: number }>> = {};
function count(kind: string, p: Phase, ok: boolean) {
  reads[kind] ??= { up: { ok: 0, failed: 0 }, down: { ok: 0, failed: 0 } };
  reads[kind][p][ok ? 'ok' : 'failed']++;
}

async function reader(url: string, token: string) {
  while (Date.now() < stopAt) {
    const joint = Math.random() < 0.5;
    const p = phase;
    try {
      const r = await post(url, token, joint ? JOINT : SERVICES, joint ? { id: pick(children).id } : {});
      // Withheld fields (FORBIDDEN, the family's consent) are correct answers, not failures.
      const failed = r.status !== 200 || (r.body.errors ?? []).some((e) => e.extensions?.code !== 'FORBIDDEN');
      count(joint ? 'jointView' : 'commissionedServices', p === phase ? p : 'down', !failed);
    } catch {
      count(joint ? 'jointView' : 'commissionedServices', 'down', false);
    }
  }
}

async function main() {
  process.env.PG_DURABLE = '1'; // the private cluster syncs its commits, as a deployment would
  const t0 = Date.now();
  const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
  log('starting a private PostgreSQL cluster, the demo data, four subgraphs and the gateway as processes');
  const cluster = await startPrivateCluster();
  const procs: ServiceProcess[] = [];
  try {
    const databases = await createDatabases('load', cluster.url);
    await migrateAll(databases);
    await writeCatalogue(databases);
    await writeDemo(databases);
    const urls = {} as Record<SubgraphName, string>;
    const ports = {} as Record<SubgraphName, number>;
    for (const s of SUBGRAPHS) {
      ports[s.name] = await freePort();
      urls[s.name] = `http://127.0.0.1:${ports[s.name]}/graphql`;
    }
    const subgraphs = {} as Record<SubgraphName, ServiceProcess>;
    for (const s of SUBGRAPHS)
      procs.push(
        (subgraphs[s.name] = await spawnService({
          name: s.name,
          port: ports[s.name],
          env: subgraphEnv(s.name, databases[s.name], urls, { LOG_LEVEL: 'warn' }),
        })),
      );
    const gateway = await spawnService({
      name: 'gateway',
      env: { ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, urls[s.name]])), LOG_LEVEL: 'warn' },
    });
    procs.push(gateway);
    const token = await tokenFor('coordinator');
    log(`ready; load for ${DURATION_S}s (${WRITERS} writers, ${READERS} readers); governance killed at ${KILL_AT_S}s for ${DOWN_FOR_S}s`);

    const start = Date.now();
    stopAt = start + DURATION_S * 1000;
    const progress = setInterval(
      () =>
        log(
          `${phase === 'up' ? 'governance up  ' : 'governance DOWN'} acknowledged writes ${writes.acked.size}, retries ${writes.unclear}, reads ${Object.values(reads).reduce((s, k) => s + k.up.ok + k.up.failed + k.down.ok + k.down.failed, 0)}`,
        ),
      5000,
    );
    const fault = (async () => {
      await sleep(KILL_AT_S * 1000);
      phase = 'down';
      await subgraphs.governance.kill('SIGKILL');
      log('governance killed (SIGKILL)');
      await sleep(DOWN_FOR_S * 1000);
      log('starting governance again');
      await subgraphs.governance.restart();
      phase = 'up';
      log('governance serving again');
    })();
    await Promise.all([
      ...Array.from({ length: WRITERS }, () => writer(gateway.url, token)),
      ...Array.from({ length: READERS }, () => reader(gateway.url, token)),
      fault,
    ]);
    clearInterval(progress);
    const seconds = (Date.now() - start) / 1000;

    const db = new Client({ connectionString: databases.governance });
    await db.connect();
    const rows = (
      await db.query(
        "SELECT idempotency_key AS key, array_agg(id::text) AS ids FROM consent WHERE idempotency_key LIKE 'load-%' GROUP BY idempotency_key",
      )
    ).rows as { key: string; ids: string[] }[];
    await db.end();
    const stored = new Map(rows.map((r) => [r.key, r.ids]));
    const found = [...writes.acked].filter(([k, id]) => stored.get(k)?.length === 1 && stored.get(k)![0] === id).length;
    const duplicates = rows.filter((r) => r.ids.length > 1).length;
    const unacknowledgedStored = rows.filter((r) => !writes.acked.has(r.key)).length;
    const rate = (x: { ok: number; failed: number }) => (x.ok + x.failed ? +((100 * x.failed) / (x.ok + x.failed)).toFixed(2) : null);
    const report = {
      seconds: +seconds.toFixed(1),
      fault: { service: 'governance', signal: 'SIGKILL', killedAtS: KILL_AT_S, downForS: DOWN_FOR_S },
      writes: {
        acknowledged: writes.acked.size,
        foundAfterwards: found,
        duplicates,
        storedButNotAcknowledged: unacknowledgedStored,
        attempts: writes.attempts,
        retriedUnclear: writes.unclear,
        rejected: writes.rejected,
      },
      reads: Object.fromEntries(
        Object.entries(reads).map(([k, v]) => [
          k,
          { up: { ...v.up, errorRatePct: rate(v.up) }, down: { ...v.down, errorRatePct: rate(v.down) } },
        ]),
      ),
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync(join(__dirname, '..', 'bench', 'results'), { recursive: true });
    writeFileSync(join(__dirname, '..', 'bench', 'results', 'faults-load.json'), JSON.stringify(report, null, 2));
    const ok = found === writes.acked.size && duplicates === 0 && unacknowledgedStored === 0 && writes.acked.size > 0;
    log(
      ok
        ? `PASS: ${writes.acked.size} acknowledged writes, ${found} found afterwards, none doubled`
        : 'FAIL: acknowledged writes lost or doubled',
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const p of procs.reverse()) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGTERM');
    await cluster.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

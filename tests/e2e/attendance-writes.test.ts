// Recording (and correcting, withdrawing) attendance and suspensions / permanent exclusions through the graph:
// bad input named and nothing written, a retry applied once, only the LA's education roles with need-to-know, audited,
// and the commissioning inclusion measure counting what is recorded this way. Real PostgreSQL,
// through the gateway, demo data.
import { DEMO_CHILDREN, DEMO_USERS } from '@hub/seed';
import { addDays, termOf, toIsoDate } from '@hub/schema';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { eventually } from '../kit/eventually';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'attendance_writes' });
});
afterAll(() => hub?.stop());

const AVA = DEMO_CHILDREN[0];
const ATTENDANCE = `mutation($input: AttendanceInput!) { recordAttendance(input: $input) {
  termStart term sessionsPossible sessionsAttended authorisedAbsence unauthorisedAbsence } }`;
const EXCLUSION = `mutation($input: ExclusionInput!) { recordExclusion(input: $input) { kind startOn sessions } }`;
const autumn = {
  childId: AVA.id,
  termStart: '2024-09-02',
  term: 'AUTUMN',
  sessionsPossible: 140,
  sessionsAttended: 120,
  authorisedAbsence: 12,
  unauthorisedAbsence: 8,
  idempotencyKey: 'attendance-ava-autumn-2024',
};
const counts = async () =>
  (
    await sql(
      hub.databases.education,
      'SELECT (SELECT count(*) FROM attendance_term)::int AS terms, (SELECT count(*) FROM exclusion)::int AS exclusions',
    )
  )[0];

describe('recordAttendance', () => {
  it('records a term once: a retry returns it, the record shows it, and the key cannot be reused for something else', async () => {
    const before = await counts();
    const first = await hub.query('coordinator', ATTENDANCE, { input: autumn });
    expect(first.body.errors).toBeUndefined();
    const { childId: _, idempotencyKey: __, ...term } = autumn;
    expect(first.body.data.recordAttendance).toEqual(term);
    const again = await hub.query('coordinator', ATTENDANCE, { input: autumn });
    expect(again.body).toEqual(first.body);
    expect(await counts()).toEqual({ ...before, terms: before.terms + 1 });

    const read = await hub.query(
      'coordinator',
      `query($id: ID!) { child(id: $id) { education { attendance { termStart sessionsPossible } } } }`,
      {
        id: AVA.id,
      },
    );
    expect(read.body.data.child.education.attendance).toContainEqual({ termStart: '2024-09-02', sessionsPossible: 140 });

    const otherValues = await hub.query('coordinator', ATTENDANCE, { input: { ...autumn, sessionsAttended: 121, sessionsPossible: 141 } });
    expect(errorCodes(otherValues)).toEqual([['BAD_USER_INPUT', 'input.idempotencyKey']]);
    // The same term again under another key (another start day too): refused, the term is recorded.
    const twice = await hub.query('coordinator', ATTENDANCE, {
      input: { ...autumn, termStart: '2024-09-04', idempotencyKey: 'attendance-ava-2' },
    });
    expect(errorCodes(twice)).toEqual([['BAD_USER_INPUT', 'input.termStart']]);
    expect(await counts()).toEqual({ ...before, terms: before.terms + 1 });
  });

  it('bad input gets BAD_USER_INPUT naming the argument and why, and nothing is written', async () => {
    const before = await counts();
    const future = addDays(toIsoDate(new Date())!, 40);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ authorisedAbsence: -1, sessionsAttended: 133 }, 'input.authorisedAbsence', /whole number/],
      [{ sessionsAttended: 401, sessionsPossible: 421 }, 'input.sessionsPossible', /from 0 to 400/],
      [{ sessionsAttended: 119 }, 'input.sessionsPossible', /must equal sessions attended plus/],
      [{ term: 'AUTUMN' }, 'input.term', /must be SPRING/],
      [{ termStart: '2025-02-30' }, 'input.termStart', /date/],
      [{ termStart: '06/01/2025' }, 'input.termStart', /YYYY-MM-DD/],
      [{ termStart: future, term: termOf(future) }, 'input.termStart', /future/],
      [{ idempotencyKey: 'x' }, 'input.idempotencyKey', /8 to 100/],
      [{ childId: 'child-1' }, 'input.childId', /UUID/],
    ];
    for (const [change, argument, why] of cases) {
      const input = { ...autumn, termStart: '2025-01-06', term: 'SPRING', idempotencyKey: `attendance-bad-${argument}`, ...change };
      const err = (await hub.query('coordinator', ATTENDANCE, { input })).body.errors?.[0];
      expect([change, err?.extensions]).toEqual([change, expect.objectContaining({ code: 'BAD_USER_INPUT', argument })]);
      expect(err?.message).toMatch(why);
    }
    // A term not in the code list, or a count that is not whole, never reaches the resolver: GraphQL names it.
    for (const [change, field] of [
      [{ term: 'WINTER' }, 'input.term'],
      [{ sessionsAttended: 2.5 }, 'input.sessionsAttended'],
    ] as const) {
      const err = (await hub.query('coordinator', ATTENDANCE, { input: { ...autumn, ...change, idempotencyKey: 'attendance-coerce' } }))
        .body.errors?.[0];
      expect([field, err?.extensions?.code]).toEqual([field, 'BAD_USER_INPUT']);
      expect(err?.message).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('correctAttendance', () => {
  const CORRECT = ATTENDANCE.replace('recordAttendance', 'correctAttendance');
  const summer = { ...autumn, termStart: '2025-04-22', term: 'SUMMER', idempotencyKey: 'attendance-ava-summer-2025' };
  const corrections = async () =>
    sql(
      hub.databases.education,
      `SELECT to_char(replaced_term_start, 'YYYY-MM-DD') AS replaced, replaced_sessions_attended AS "replacedAttended",
        to_char(term_start, 'YYYY-MM-DD') AS "termStart", sessions_attended AS attended FROM attendance_correction
        WHERE child_id = $1 ORDER BY recorded_at`,
      [AVA.id],
    );

  it('replaces the term’s figures once (a retry returns the first result), keeps the figures it replaced, and the record shows the correction', async () => {
    expect((await hub.query('coordinator', ATTENDANCE, { input: summer })).body.errors).toBeUndefined();
    const before = await counts();
    const fixed = { ...summer, termStart: '2025-04-23', sessionsAttended: 124, unauthorisedAbsence: 4, idempotencyKey: 'attendance-fix-1' };
    const first = await hub.query('coordinator', CORRECT, { input: fixed });
    expect(first.body.errors).toBeUndefined();
    const { childId: _, idempotencyKey: __, ...term } = fixed;
    expect(first.body.data.correctAttendance).toEqual(term);
    expect((await hub.query('coordinator', CORRECT, { input: fixed })).body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    expect(await corrections()).toEqual([{ replaced: '2025-04-22', replacedAttended: 120, termStart: '2025-04-23', attended: 124 }]);

    const read = await hub.query(
      'coordinator',
      `query($id: ID!) { child(id: $id) { education { attendance { termStart sessionsAttended } } } }`,
      {
        id: AVA.id,
      },
    );
    const terms = read.body.data.child.education.attendance;
    expect(terms).toContainEqual({ termStart: '2025-04-23', sessionsAttended: 124 });
    expect(terms).not.toContainEqual(expect.objectContaining({ termStart: '2025-04-22' }));

    // The key reused for other figures is refused and changes nothing.
    const reused = await hub.query('coordinator', CORRECT, { input: { ...fixed, sessionsAttended: 125, unauthorisedAbsence: 3 } });
    expect(errorCodes(reused)).toEqual([['BAD_USER_INPUT', 'input.idempotencyKey']]);
    expect(await corrections()).toHaveLength(1);
  });

  it('a term with nothing recorded, bad figures or another role: refused naming why, nothing written', async () => {
    const before = [await counts(), await corrections()];
    const none = await hub.query('coordinator', CORRECT, {
      input: { ...autumn, termStart: '2021-09-06', idempotencyKey: 'attendance-fix-none' },
    });
    expect(errorCodes(none)).toEqual([['BAD_USER_INPUT', 'input.term']]);
    expect(none.body.errors?.[0]?.message).toMatch(/no attendance recorded for this child in AUTUMN 2021\/22/);
    const unbalanced = await hub.query('coordinator', CORRECT, {
      input: { ...summer, sessionsAttended: 1, idempotencyKey: 'attendance-fix-bad' },
    });
    expect(errorCodes(unbalanced)).toEqual([['BAD_USER_INPUT', 'input.sessionsPossible']]);
    for (const user of ['social-worker', 'parent', 'commissioner'])
      expect([user, errorCodes(await hub.query(user, CORRECT, { input: { ...summer, idempotencyKey: 'attendance-fix-role' } }))]).toEqual([
        user,
        [['FORBIDDEN', 'ROLE']],
      ]);
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    expect(
      errorCodes(await hub.query(stranger as any, CORRECT, { input: { ...summer, idempotencyKey: 'attendance-fix-stranger' } })),
    ).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect([await counts(), await corrections()]).toEqual(before);
  });
});

describe('recordExclusion', () => {
  const suspension = { childId: AVA.id, kind: 'SUSPENSION', startOn: '2024-11-11', sessions: 4, idempotencyKey: 'exclusion-ava-1' };

  it('records a suspension once (a retry returns it) and a permanent exclusion without sessions', async () => {
    const before = await counts();
    const first = await hub.query('coordinator', EXCLUSION, { input: suspension });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.recordExclusion).toEqual({ kind: 'SUSPENSION', startOn: '2024-11-11', sessions: 4 });
    expect((await hub.query('coordinator', EXCLUSION, { input: suspension })).body).toEqual(first.body);
    expect(errorCodes(await hub.query('coordinator', EXCLUSION, { input: { ...suspension, sessions: 6 } }))).toEqual([
      ['BAD_USER_INPUT', 'input.idempotencyKey'],
    ]);
    const permanent = await hub.query('coordinator', EXCLUSION, {
      input: { childId: AVA.id, kind: 'PERMANENT', startOn: '2025-02-03', idempotencyKey: 'exclusion-ava-2' },
    });
    expect(permanent.body.data.recordExclusion).toEqual({ kind: 'PERMANENT', startOn: '2025-02-03', sessions: null });
    expect(await counts()).toEqual({ ...before, exclusions: before.exclusions + 2 });
  });

  it('bad input names the argument and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ sessions: null }, 'input.sessions'],
      [{ sessions: 0 }, 'input.sessions'],
      [{ sessions: 91 }, 'input.sessions'],
      [{ kind: 'PERMANENT', sessions: 2 }, 'input.sessions'],
      [{ startOn: '2024-13-01' }, 'input.startOn'],
      [{ startOn: addDays(toIsoDate(new Date())!, 1) }, 'input.startOn'],
      [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ];
    for (const [change, argument] of cases) {
      const res = await hub.query('coordinator', EXCLUSION, {
        input: { ...suspension, idempotencyKey: `exclusion-bad-${argument}`, ...change },
      });
      expect([change, errorCodes(res)]).toEqual([change, [['BAD_USER_INPUT', argument]]]);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('withdrawExclusion', () => {
  const WITHDRAW = `mutation($input: ExclusionWithdrawalInput!) { withdrawExclusion(input: $input) { kind startOn sessions } }`;
  const standing = async () =>
    (await hub.query('coordinator', `query($id: ID!) { child(id: $id) { education { exclusions { kind startOn } } } }`, { id: AVA.id }))
      .body.data.child.education.exclusions;
  const kept = async () =>
    sql(
      hub.databases.education,
      `SELECT withdrawal, withdrawn_by AS by, withdrawn_on IS NOT NULL AS dated FROM exclusion WHERE child_id = $1 AND start_on = '2024-12-02'`,
      [AVA.id],
    );

  it('withdraws a suspension once (a retry returns it): kept and marked, no longer on the record; nothing standing to withdraw is refused', async () => {
    const recorded = await hub.query('coordinator', EXCLUSION, {
      input: { childId: AVA.id, kind: 'SUSPENSION', startOn: '2024-12-02', sessions: 2, idempotencyKey: 'exclusion-ava-dec' },
    });
    expect(recorded.body.errors).toBeUndefined();
    expect(await standing()).toContainEqual({ kind: 'SUSPENSION', startOn: '2024-12-02' });
    const before = await counts();
    const input = {
      childId: AVA.id,
      kind: 'SUSPENSION',
      startOn: '2024-12-02',
      reason: 'RECORDED_IN_ERROR',
      idempotencyKey: 'withdraw-ava-dec',
    };
    const first = await hub.query('coordinator', WITHDRAW, { input });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.withdrawExclusion).toEqual({ kind: 'SUSPENSION', startOn: '2024-12-02', sessions: 2 });
    expect((await hub.query('coordinator', WITHDRAW, { input })).body).toEqual(first.body);
    expect(await standing()).not.toContainEqual({ kind: 'SUSPENSION', startOn: '2024-12-02' });
    expect(await counts()).toEqual(before);
    expect(await kept()).toEqual([{ withdrawal: 'RECORDED_IN_ERROR', by: DEMO_USERS.coordinator.sub, dated: true }]);

    expect(errorCodes(await hub.query('coordinator', WITHDRAW, { input: { ...input, reason: 'OVERTURNED' } }))).toEqual([
      ['BAD_USER_INPUT', 'input.idempotencyKey'],
    ]);
    const again = await hub.query('coordinator', WITHDRAW, { input: { ...input, idempotencyKey: 'withdraw-ava-dec-2' } });
    expect(errorCodes(again)).toEqual([['BAD_USER_INPUT', 'input.startOn']]);
    expect(again.body.errors?.[0]?.message).toMatch(/no suspension recorded for this child starting that day/);
    const bad = await hub.query('coordinator', WITHDRAW, {
      input: { ...input, startOn: '2024-02-30', idempotencyKey: 'withdraw-bad-date' },
    });
    expect(errorCodes(bad)).toEqual([['BAD_USER_INPUT', 'input.startOn']]);
    for (const user of ['social-worker', 'parent', 'commissioner'])
      expect([user, errorCodes(await hub.query(user, WITHDRAW, { input: { ...input, idempotencyKey: 'withdraw-role' } }))]).toEqual([
        user,
        [['FORBIDDEN', 'ROLE']],
      ]);
    expect(await kept()).toEqual([{ withdrawal: 'RECORDED_IN_ERROR', by: DEMO_USERS.coordinator.sub, dated: true }]);
  });
});

describe('who may record', () => {
  const input = {
    ...autumn,
    termStart: '2024-04-15',
    term: 'SUMMER',
    sessionsPossible: 120,
    sessionsAttended: 100,
    idempotencyKey: 'attendance-who',
  };

  it("only the LA's EHC coordinators and its education system; a coordinator without need-to-know is refused; nothing written", async () => {
    const before = await counts();
    for (const user of ['social-worker', 'paediatrician', 'commissioner', 'parent', 'privacy-officer', 'health-feed'])
      expect([user, errorCodes(await hub.query(user, ATTENDANCE, { input }))]).toEqual([user, [['FORBIDDEN', 'ROLE']]]);
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    expect(errorCodes(await hub.query(stranger as any, ATTENDANCE, { input }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    // A child the hub does not know gets the same answer as one the caller does not work with.
    const unknown = { ...input, childId: '00000000-0000-4000-8000-000000000099' };
    expect(errorCodes(await hub.query('coordinator', ATTENDANCE, { input: unknown }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(await counts()).toEqual(before);
    const fed = await hub.query('edu-feed', ATTENDANCE, { input });
    expect(fed.body.errors).toBeUndefined();
  });

  it('each write is audited in education’s chain as a decision on the child’s education data, never its figures', async () => {
    const written = await hub.query('coordinator', ATTENDANCE, {
      input: { ...input, termStart: '2024-01-08', term: 'SPRING', idempotencyKey: 'attendance-audit' },
    });
    expect(written.body.errors).toBeUndefined();
    // This request's own events (sealing numbers events in the background, so not "after seq N").
    const requestId = written.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const events = await eventually(
      () =>
        sql(hub.databases.education, 'SELECT entries FROM audit_event WHERE actor_sub = $1 AND request_id = $2', [
          DEMO_USERS.coordinator.sub,
          requestId,
        ]),
      (rows) => rows.length > 0,
    );
    expect(events.flatMap((e: any) => e.entries)).toContainEqual(
      expect.objectContaining({ childId: AVA.id, category: 'EDUCATION', decision: 'PERMIT' }),
    );
    expect(JSON.stringify(events)).not.toMatch(/sessions|2024-01-08/);
  });
});

describe('the commissioning inclusion measure counts what is recorded through the graph', () => {
  const INCLUSION = `query($f: CommissioningFilter) { inclusion(dimensions: [], filter: $f) { periodStart rows { values
    pupils { count } persistentlyAbsent { count } suspended { count } permanentlyExcluded { count } } } }`;
  const total = async () => {
    const res = await hub.query('commissioner', INCLUSION, { f: { asAt: '2023-06-30' } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.inclusion.periodStart).toBe('2022-08-01');
    const row = res.body.data.inclusion.rows.find((r: any) => r.values[0] === 'TOTAL');
    return row
      ? {
          pupils: row.pupils.count,
          absent: row.persistentlyAbsent.count,
          suspended: row.suspended.count,
          excluded: row.permanentlyExcluded.count,
        }
      : { pupils: 0, absent: 0, suspended: 0, excluded: 0 };
  };

  it('five pupils persistently absent, suspended and permanently excluded in 2022/23 are five of each (a multiple of 5 is published exactly)', async () => {
    // Nothing was recorded for 2022/23 before.
    expect(await total()).toEqual({ pupils: 0, absent: 0, suspended: 0, excluded: 0 });
    const five = DEMO_CHILDREN.filter((c) => c.education).slice(0, 5);
    for (const [n, c] of five.entries()) {
      const writes = [
        hub.query('edu-feed', ATTENDANCE, {
          input: {
            childId: c.id,
            termStart: '2023-01-04',
            term: 'SPRING',
            sessionsPossible: 120,
            sessionsAttended: 96,
            authorisedAbsence: 14,
            unauthorisedAbsence: 10,
            idempotencyKey: `inclusion-term-${n}`,
          },
        }),
        hub.query('edu-feed', EXCLUSION, {
          input: { childId: c.id, kind: 'SUSPENSION', startOn: '2022-11-14', sessions: 2, idempotencyKey: `inclusion-susp-${n}` },
        }),
        hub.query('edu-feed', EXCLUSION, {
          input: { childId: c.id, kind: 'PERMANENT', startOn: '2023-03-06', idempotencyKey: `inclusion-perm-${n}` },
        }),
      ];
      for (const w of await Promise.all(writes)) expect(w.body.errors).toBeUndefined();
    }
    expect(await total()).toEqual({ pupils: 5, absent: 5, suspended: 5, excluded: 5 });

    // The five permanent exclusions overturned: kept, withdrawn, and no longer counted.
    for (const [n, c] of five.entries()) {
      const withdrawn = await hub.query(
        'edu-feed',
        `mutation($input: ExclusionWithdrawalInput!) { withdrawExclusion(input: $input) { kind } }`,
        {
          input: {
            childId: c.id,
            kind: 'PERMANENT',
            startOn: '2023-03-06',
            reason: 'OVERTURNED',
            idempotencyKey: `inclusion-overturned-${n}`,
          },
        },
      );
      expect(withdrawn.body.errors).toBeUndefined();
    }
    expect(await total()).toEqual({ pupils: 5, absent: 5, suspended: 5, excluded: 0 });
  });
});

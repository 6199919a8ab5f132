import { addDays } from './dates';
import {
  clockAsAt,
  dueOn,
  effectivePeriod,
  evaluateAssessment,
  exceptionProblem,
  judgeStep,
  newlyReceived,
  type ClockAssessment,
  type ClockException,
} from './ehc-clock';

const base = (over: Partial<ClockAssessment> = {}): ClockAssessment => ({ ...newlyReceived('2025-06-02'), ...over });
const ex = (over: Partial<ClockException> & Pick<ClockException, 'kind' | 'startOn' | 'endOn'>): ClockException => ({
  id: over.kind.toLowerCase(),
  adviceRequestId: null,
  ...over,
});

describe('deadlines', () => {
  it('counts calendar weeks from the start, across month and year ends', () => {
    expect(dueOn('DECISION', '2025-06-02')).toBe('2025-07-14');
    expect(dueOn('ADVICE', '2025-12-01')).toBe('2026-01-12');
    expect(dueOn('NOT_ISSUED_NOTICE', '2025-06-02')).toBe('2025-09-22');
    expect(dueOn('FINAL_PLAN', '2025-06-02')).toBe('2025-10-20');
    expect(dueOn('FINAL_PLAN', '2023-10-16')).toBe('2024-03-04'); // across a leap February
  });

  it('a step done on its deadline is in time, the day after is late', () => {
    expect(judgeStep('DECISION', '2025-06-02', '2025-07-14', true, [], '2025-08-01')).toMatchObject({
      timeliness: 'IN_TIME',
      daysLate: null,
    });
    expect(judgeStep('DECISION', '2025-06-02', '2025-07-15', true, [], '2025-08-01')).toMatchObject({ timeliness: 'LATE', daysLate: 1 });
  });

  it('days remaining and overdue are counted against the today passed in', () => {
    expect(judgeStep('ADVICE', '2025-06-16', null, true, [], '2025-07-20')).toMatchObject({
      timeliness: 'NOT_YET_DUE',
      dueOn: '2025-07-28',
      daysRemaining: 8,
      daysOverdue: null,
    });
    expect(judgeStep('ADVICE', '2025-06-16', null, true, [], '2025-07-28')).toMatchObject({ timeliness: 'NOT_YET_DUE', daysRemaining: 0 });
    expect(judgeStep('ADVICE', '2025-06-16', null, true, [], '2025-08-04')).toMatchObject({
      timeliness: 'OVERDUE',
      daysRemaining: null,
      daysOverdue: 7,
    });
  });

  it('advice is due 6 weeks from its own request, not from the assessment request', () => {
    const clock = evaluateAssessment(
      base({
        decision: 'Y',
        decidedOn: '2025-06-20',
        adviceRequests: [{ id: 'h', adviceType: 'HEALTH', requestedOn: '2025-06-25', receivedOn: '2025-08-05', sufficientExisting: false }],
      }),
      '2025-09-01',
    );
    expect(clock.advice[0]).toMatchObject({ dueOn: '2025-08-06', timeliness: 'IN_TIME', status: 'RECEIVED' });
  });
});

describe('status and the concluding step', () => {
  it.each([
    [{}, 'AWAITING_DECISION', 'FINAL_PLAN'],
    [{ decision: 'N', decidedOn: '2025-07-01' }, 'NOT_ASSESSED', 'DECISION'],
    [{ decision: 'Y', decidedOn: '2025-07-01' }, 'ASSESSING', 'FINAL_PLAN'],
    [{ decision: 'Y', decidedOn: '2025-07-01', draftIssuedOn: '2025-09-01' }, 'DRAFT', 'FINAL_PLAN'],
    [{ decision: 'Y', decidedOn: '2025-07-01', draftIssuedOn: '2025-09-01', finalIssuedOn: '2025-10-01' }, 'FINAL', 'FINAL_PLAN'],
    [{ decision: 'Y', decidedOn: '2025-07-01', notIssuedNoticeOn: '2025-09-01' }, 'NOT_ISSUED', 'NOT_ISSUED_NOTICE'],
    [{ decision: 'Y', decidedOn: '2025-07-01', withdrawnOn: '2025-08-01' }, 'WITHDRAWN', 'FINAL_PLAN'],
  ] as [Partial<ClockAssessment>, string, string][])('%j -> %s', (over, status, concluding) => {
    const clock = evaluateAssessment(base(over), '2025-08-15');
    expect(clock.status).toBe(status);
    expect(clock.concludingStep).toBe(concluding);
  });

  it('judges the headline by the concluding step', () => {
    expect(evaluateAssessment(base({ decision: 'N', decidedOn: '2025-07-20' }), '2026-01-01')).toMatchObject({
      timeliness: 'LATE',
      finalPlan: { timeliness: 'NOT_APPLICABLE' },
      notIssuedNotice: { timeliness: 'NOT_APPLICABLE' },
    });
    expect(
      evaluateAssessment(base({ decision: 'Y', decidedOn: '2025-07-01', notIssuedNoticeOn: '2025-09-22' }), '2026-01-01'),
    ).toMatchObject({ timeliness: 'IN_TIME', finalPlan: { timeliness: 'NOT_APPLICABLE' } });
    expect(
      evaluateAssessment(
        base({ decision: 'Y', decidedOn: '2025-07-01', draftIssuedOn: '2025-09-01', finalIssuedOn: '2025-10-21' }),
        '2026-01-01',
      ),
    ).toMatchObject({ timeliness: 'LATE', notIssuedNotice: { timeliness: 'NOT_APPLICABLE' } });
    expect(evaluateAssessment(base({ decision: 'Y', decidedOn: '2025-07-01' }), '2025-10-21')).toMatchObject({
      timeliness: 'OVERDUE',
      finalPlan: { daysOverdue: 1 },
      notIssuedNotice: { timeliness: 'OVERDUE' },
    });
    expect(evaluateAssessment(base({ withdrawnOn: '2025-06-20' }), '2026-01-01')).toMatchObject({
      timeliness: 'NOT_APPLICABLE',
      decision: { timeliness: 'NOT_APPLICABLE' },
    });
  });

  it('advice agreed still sufficient (reg 6(4)) has no deadline; outstanding advice of a withdrawn assessment is not applicable', () => {
    const clock = evaluateAssessment(
      base({ adviceRequests: [{ id: 's', adviceType: 'HEALTH', requestedOn: '2025-06-10', receivedOn: null, sufficientExisting: true }] }),
      '2026-01-01',
    );
    expect(clock.advice[0]).toMatchObject({ status: 'SUFFICIENT_EXISTING', timeliness: 'NOT_APPLICABLE' });
    const gone = evaluateAssessment(
      base({
        withdrawnOn: '2025-06-20',
        adviceRequests: [{ id: 'o', adviceType: 'HEALTH', requestedOn: '2025-06-10', receivedOn: null, sufficientExisting: false }],
      }),
      '2026-01-01',
    );
    expect(gone.advice[0]).toMatchObject({ status: 'OUTSTANDING', timeliness: 'NOT_APPLICABLE' });
  });
});

describe('an assessment spanning the summer closure', () => {
  // Request received 2 June 2025. The school is asked for advice on 16 June (due 28 July) and is
  // closed from 23 July to 2 September (reopens 3 September): 6 weeks, so the exception window is
  // 16 July to 27 August. Health is asked the same day.
  const closure = ex({ id: 'summer', kind: 'SETTING_CLOSED', startOn: '2025-07-23', endOn: '2025-09-02', adviceRequestId: 'school' });
  const a = base({
    decision: 'Y',
    decidedOn: '2025-07-10',
    draftIssuedOn: '2025-09-29',
    finalIssuedOn: '2025-10-27',
    exceptions: [closure],
    adviceRequests: [
      { id: 'school', adviceType: 'EDUCATION', requestedOn: '2025-06-16', receivedOn: '2025-09-10', sufficientExisting: false },
      { id: 'health', adviceType: 'HEALTH', requestedOn: '2025-06-16', receivedOn: '2025-08-01', sufficientExisting: false },
    ],
  });
  const clock = evaluateAssessment(a, '2025-11-01');

  it('the window runs from a week before closure to a week before reopening', () => {
    expect(effectivePeriod(closure)).toEqual({ from: '2025-07-16', to: '2025-08-27' });
  });

  it("excuses the setting's late advice and the late final plan, not health's late advice", () => {
    expect(clock.advice.find((x) => x.adviceRequestId === 'school')).toMatchObject({
      dueOn: '2025-07-28',
      timeliness: 'LATE_WITH_EXCEPTION',
      daysLate: 44,
      exceptionIds: ['summer'],
    });
    expect(clock.advice.find((x) => x.adviceRequestId === 'health')).toMatchObject({
      dueOn: '2025-07-28',
      timeliness: 'LATE',
      exceptionIds: [],
    });
    expect(clock.finalPlan).toMatchObject({ dueOn: '2025-10-20', timeliness: 'LATE_WITH_EXCEPTION', daysLate: 7 });
    expect(clock.timeliness).toBe('LATE_WITH_EXCEPTION');
    // The window opens on 16 July, after the decision was due (14 July).
    expect(clock.decision).toMatchObject({ dueOn: '2025-07-14', timeliness: 'IN_TIME', exceptionIds: [] });
  });

  it('a closure that ends before the window can touch a step does not apply', () => {
    const early = ex({ id: 'easter', kind: 'SETTING_CLOSED', startOn: '2025-03-01', endOn: '2025-04-10', adviceRequestId: 'school' });
    const c = evaluateAssessment({ ...a, exceptions: [early] }, '2025-11-01');
    expect(c.finalPlan.timeliness).toBe('LATE');
    expect(c.advice[0].timeliness).toBe('LATE');
  });

  it('overlap is inclusive at both ends', () => {
    // Window ends exactly on the advice's start day: applies. One day earlier: does not.
    const touching = ex({ id: 't', kind: 'SETTING_CLOSED', startOn: '2025-05-10', endOn: '2025-06-22', adviceRequestId: 'school' });
    expect(effectivePeriod(touching).to).toBe('2025-06-16');
    expect(evaluateAssessment({ ...a, exceptions: [touching] }, '2025-11-01').advice[0].timeliness).toBe('LATE_WITH_EXCEPTION');
    const before = { ...touching, endOn: '2025-06-21' };
    expect(evaluateAssessment({ ...a, exceptions: [before] }, '2025-11-01').advice[0].timeliness).toBe('LATE');
  });
});

describe('every exception', () => {
  const late = base({
    decision: 'Y',
    decidedOn: '2025-07-20', // 6 days late
    adviceRequests: [
      { id: 'h', adviceType: 'HEALTH', requestedOn: '2025-06-10', receivedOn: '2025-08-10', sufficientExisting: false }, // due 07-22
      { id: 's', adviceType: 'SOCIAL_CARE', requestedOn: '2025-06-10', receivedOn: null, sufficientExisting: false },
    ],
  });
  const today = '2025-09-01';

  it('without exceptions everything late is LATE or OVERDUE', () => {
    const c = evaluateAssessment(late, today);
    expect([c.decision.timeliness, c.advice[0].timeliness, c.advice[1].timeliness]).toEqual(['LATE', 'LATE', 'OVERDUE']);
  });

  it('FAMILY_ABSENT for 4+ continuous weeks excuses every step it overlaps', () => {
    const away = ex({ kind: 'FAMILY_ABSENT', startOn: '2025-07-01', endOn: '2025-07-28' });
    const c = evaluateAssessment({ ...late, exceptions: [away] }, today);
    expect([c.decision.timeliness, c.advice[0].timeliness, c.advice[1].timeliness]).toEqual([
      'LATE_WITH_EXCEPTION',
      'LATE_WITH_EXCEPTION',
      'OVERDUE_WITH_EXCEPTION',
    ]);
    expect(exceptionProblem(away, { adviceRequest: null })).toBeNull();
    expect(exceptionProblem({ ...away, endOn: '2025-07-27' }, { adviceRequest: null })).toEqual({
      argument: 'endOn',
      why: expect.stringMatching(/4 weeks/),
    });
  });

  it('EXCEPTIONAL_PERSONAL_CIRCUMSTANCES excuses what it overlaps, and only that', () => {
    // Over the advice period only (from 23 July, after the decision was due on 14 July).
    const epc = ex({ kind: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', startOn: '2025-07-15', endOn: '2025-07-20' });
    const c = evaluateAssessment({ ...late, exceptions: [epc] }, today);
    expect([c.decision.timeliness, c.advice[0].timeliness]).toEqual(['LATE', 'LATE_WITH_EXCEPTION']);
    expect(exceptionProblem(epc, { adviceRequest: null })).toBeNull();
  });

  it('an exception recorded against one request excuses that request only', () => {
    const epc = ex({ kind: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', startOn: '2025-07-01', endOn: '2025-07-05', adviceRequestId: 's' });
    const c = evaluateAssessment({ ...late, exceptions: [epc] }, today);
    expect([c.decision.timeliness, c.advice[0].timeliness, c.advice[1].timeliness]).toEqual(['LATE', 'LATE', 'OVERDUE_WITH_EXCEPTION']);
  });

  it('MISSED_APPOINTMENT excuses the advice it names, never the assessment', () => {
    const missed = ex({ kind: 'MISSED_APPOINTMENT', startOn: '2025-07-02', endOn: '2025-07-02', adviceRequestId: 'h' });
    const c = evaluateAssessment({ ...late, exceptions: [missed] }, today);
    expect([c.decision.timeliness, c.advice[0].timeliness, c.advice[1].timeliness]).toEqual(['LATE', 'LATE_WITH_EXCEPTION', 'OVERDUE']);
    expect(exceptionProblem(missed, { adviceRequest: null })).toMatchObject({ argument: 'adviceRequestId' });
    expect(exceptionProblem({ ...missed, endOn: '2025-07-03' }, { adviceRequest: { adviceType: 'HEALTH' } })).toMatchObject({
      argument: 'endOn',
    });
    expect(exceptionProblem(missed, { adviceRequest: { adviceType: 'HEALTH' } })).toBeNull();
    // An appointment missed after the advice was due does not excuse it.
    const after = { ...missed, startOn: '2025-07-23', endOn: '2025-07-23' };
    expect(evaluateAssessment({ ...late, exceptions: [after] }, today).advice[0].timeliness).toBe('LATE');
  });

  it('SETTING_CLOSED needs 4+ weeks and a request asked of the setting', () => {
    const closed = { kind: 'SETTING_CLOSED' as const, startOn: '2025-07-23', endOn: '2025-08-19' };
    expect(exceptionProblem(closed, { adviceRequest: { adviceType: 'EDUCATION' } })).toBeNull();
    expect(exceptionProblem({ ...closed, endOn: '2025-08-18' }, { adviceRequest: { adviceType: 'EDUCATION' } })).toMatchObject({
      argument: 'endOn',
    });
    expect(exceptionProblem(closed, { adviceRequest: null })).toMatchObject({ argument: 'adviceRequestId' });
    expect(exceptionProblem(closed, { adviceRequest: { adviceType: 'HEALTH' } })).toMatchObject({ argument: 'adviceRequestId' });
  });

  it('refuses an end before the start', () => {
    expect(
      exceptionProblem({ kind: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', startOn: '2025-07-02', endOn: '2025-07-01' }, { adviceRequest: null }),
    ).toEqual({ argument: 'endOn', why: 'is before startOn' });
  });

  it('an exception that applies to a step done in time changes nothing', () => {
    const away = ex({ kind: 'FAMILY_ABSENT', startOn: '2025-06-01', endOn: '2025-07-31' });
    const c = evaluateAssessment({ ...late, decidedOn: '2025-07-01', exceptions: [away] }, today);
    expect(c.decision).toMatchObject({ timeliness: 'IN_TIME', exceptionIds: ['family_absent'] });
  });
});

describe('properties', () => {
  it('for every start and done date, in time iff done within 42 days', () => {
    for (let i = 0; i < 400; i++) {
      const start = addDays('2024-01-01', i * 3);
      const done = addDays(start, (i * 7) % 60);
      const t = judgeStep('ADVICE', start, done, true, [], '2030-01-01').timeliness;
      expect(t === 'IN_TIME').toBe((i * 7) % 60 <= 42);
    }
  });
});

describe('the clock as it stood on a past date', () => {
  const final = base({
    decision: 'Y',
    decidedOn: '2025-07-01',
    draftIssuedOn: '2025-10-01',
    finalIssuedOn: '2025-11-03',
    adviceRequests: [
      { id: 'h', adviceType: 'HEALTH', requestedOn: '2025-07-02', receivedOn: '2025-09-01', sufficientExisting: false },
      { id: 'late', adviceType: 'HEALTH', requestedOn: '2025-09-20', receivedOn: null, sufficientExisting: false },
    ],
  });

  it('forgets what was recorded for later days, and knows nothing before the request', () => {
    expect(clockAsAt(final, '2025-06-01')).toBeNull();
    const then = clockAsAt(final, '2025-08-31')!;
    expect(then).toMatchObject({ decision: 'Y', decidedOn: '2025-07-01', draftIssuedOn: null, finalIssuedOn: null });
    expect(then.adviceRequests).toEqual([{ ...final.adviceRequests[0], receivedOn: null }]);
    expect(clockAsAt(final, '2025-06-30')).toMatchObject({ decision: 'A', decidedOn: null });
    expect(clockAsAt(final, '2025-12-31')).toEqual(final);
  });

  it('judges a plan later issued late as overdue on a date between its deadline and its issue', () => {
    const on = '2025-10-31';
    const clock = evaluateAssessment(clockAsAt(final, on)!, on);
    expect(clock.finalPlan.timeliness).toBe('OVERDUE');
    expect(clock.advice.map((a) => a.timeliness)).toEqual(['LATE', 'NOT_YET_DUE']);
    expect(evaluateAssessment(clockAsAt(final, '2025-12-31')!, '2025-12-31').finalPlan.timeliness).toBe('LATE');
  });
});

import {
  addMonths,
  clockPlanAsAt,
  evaluatePlanReviews,
  reviewDeadlinesIn,
  nationalCurriculumYear,
  nextTransfer,
  pfaCheck,
  phaseTransferClock,
  phaseTransferDeadline,
  transferDate,
  type ClockPlan,
} from './review-clock';

const plan = (over: Partial<ClockPlan> = {}): ClockPlan => ({
  madeOn: '2025-05-10',
  dateOfBirth: '2016-03-14',
  ceasedOn: null,
  reviews: [],
  issues: [{ kind: 'FINAL', issuedOn: '2025-05-10' }],
  ...over,
});

describe('months and school years', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2025-05-10', 12)).toBe('2026-05-10');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-09-01', -5)).toBe('2025-04-01');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
  });

  it('national curriculum year turns on 1 September and on the 31 August birthday boundary', () => {
    expect(nationalCurriculumYear('2016-03-14', '2025-12-01')).toBe(5); // age 9 on 31 Aug 2025: Year 5
    expect(nationalCurriculumYear('2016-03-14', '2025-08-31')).toBe(4);
    expect(nationalCurriculumYear('2016-08-31', '2025-12-01')).toBe(5); // a 31 August birthday is the youngest of its year
    expect(nationalCurriculumYear('2016-09-01', '2025-12-01')).toBe(4); // born 1 September: the oldest of the year below
    expect(nationalCurriculumYear('2021-05-01', '2025-09-01')).toBe(0); // Reception
  });
});

describe('phase transfers (reg 18)', () => {
  it('15 February of the transfer year, 31 March for secondary to post-16, 5 months before a post-16 move', () => {
    expect(phaseTransferDeadline('PRIMARY_TO_SECONDARY', '2027-09-01')).toBe('2027-02-15');
    expect(phaseTransferDeadline('EARLY_YEARS_TO_SCHOOL', '2026-09-01')).toBe('2026-02-15');
    expect(phaseTransferDeadline('INFANT_TO_JUNIOR', '2026-09-01')).toBe('2026-02-15');
    expect(phaseTransferDeadline('SECONDARY_TO_POST16', '2027-09-01')).toBe('2027-03-31');
    expect(phaseTransferDeadline('POST16_TO_POST16', '2027-01-06')).toBe('2026-08-06');
  });

  it('works out when a child enters Reception, Year 7 and Year 12 from the date of birth', () => {
    expect(transferDate('2016-03-14', 7)).toBe('2027-09-01');
    expect(transferDate('2015-09-09', 7)).toBe('2027-09-01'); // a September birth joins the next year's cohort
    expect(transferDate('2015-08-31', 7)).toBe('2026-09-01');
    expect(transferDate('2019-01-22', 0)).toBe('2023-09-01');
    expect(nextTransfer({ dateOfBirth: '2016-03-14' }, '2025-12-01')).toEqual({
      transfer: 'PRIMARY_TO_SECONDARY',
      transferOn: '2027-09-01',
    });
    expect(nextTransfer({ dateOfBirth: '2011-02-27' }, '2025-12-01')).toEqual({
      transfer: 'SECONDARY_TO_POST16',
      transferOn: '2027-09-01',
    });
    expect(nextTransfer({ dateOfBirth: '2007-05-11' }, '2025-12-01')).toBeNull();
  });

  it('a recorded transfer comes first when sooner, and replaces the standard one of its kind', () => {
    // An infant school pupil moves to junior school into Year 3, before the standard move to secondary.
    expect(
      nextTransfer({ dateOfBirth: '2019-03-01', transfers: [{ transfer: 'INFANT_TO_JUNIOR', transferOn: '2026-09-01' }] }, '2025-12-01'),
    ).toEqual({ transfer: 'INFANT_TO_JUNIOR', transferOn: '2026-09-01' });
    // Taught a year behind: the move to secondary is recorded a year later than the date of birth gives.
    expect(
      nextTransfer(
        { dateOfBirth: '2016-03-14', transfers: [{ transfer: 'PRIMARY_TO_SECONDARY', transferOn: '2028-09-01' }] },
        '2025-12-01',
      ),
    ).toEqual({ transfer: 'PRIMARY_TO_SECONDARY', transferOn: '2028-09-01' });
    // A move between colleges in January: reviewed 5 months before.
    const c = evaluatePlanReviews(
      plan({ dateOfBirth: '2007-05-11', transfers: [{ transfer: 'POST16_TO_POST16', transferOn: '2027-01-06' }] }),
      '2026-05-01',
    );
    expect(c.phaseTransfer).toMatchObject({
      transfer: 'POST16_TO_POST16',
      step: { startOn: '2026-01-06', dueOn: '2026-08-06', timeliness: 'NOT_YET_DUE' },
    });
  });

  it('is done by an amended final plan in the 12 months before the transfer, late after the deadline', () => {
    const child = { dateOfBirth: '2015-03-01' }; // into Year 7 on 1 September 2026
    const inTime = phaseTransferClock(
      plan({ ...child, issues: [{ kind: 'AMENDED_FINAL', issuedOn: '2026-02-15' }] }),
      'PRIMARY_TO_SECONDARY',
      '2026-09-01',
      '2026-03-01',
    );
    expect(inTime.step).toMatchObject({ startOn: '2025-09-01', dueOn: '2026-02-15', doneOn: '2026-02-15', timeliness: 'IN_TIME' });
    const late = phaseTransferClock(
      plan({ ...child, issues: [{ kind: 'AMENDED_FINAL', issuedOn: '2026-02-16' }] }),
      'PRIMARY_TO_SECONDARY',
      '2026-09-01',
      '2026-03-01',
    );
    expect(late.step).toMatchObject({ timeliness: 'LATE', daysLate: 1 });
    // An amendment before the 12-month window does not count for this transfer.
    const early = phaseTransferClock(
      plan({ ...child, issues: [{ kind: 'AMENDED_FINAL', issuedOn: '2025-08-31' }] }),
      'PRIMARY_TO_SECONDARY',
      '2026-09-01',
      '2026-02-20',
    );
    expect(early.step).toMatchObject({ doneOn: null, timeliness: 'OVERDUE', daysOverdue: 5 });
    // Post-16: 31 March, so 20 March is in time.
    const post16 = phaseTransferClock(
      plan({ dateOfBirth: '2010-03-01', issues: [{ kind: 'AMENDED_FINAL', issuedOn: '2026-03-20' }] }),
      'SECONDARY_TO_POST16',
      '2026-09-01',
      '2026-04-01',
    );
    expect(post16.step).toMatchObject({ dueOn: '2026-03-31', timeliness: 'IN_TIME' });
  });
});

describe('annual reviews', () => {
  it('the first review is due 12 months after the plan is made, then 12 months after the last review', () => {
    const none = evaluatePlanReviews(plan(), '2026-05-10');
    expect(none.nextReview).toMatchObject({
      step: 'REVIEW_MEETING',
      startOn: '2025-05-10',
      dueOn: '2026-05-10',
      timeliness: 'NOT_YET_DUE',
      daysRemaining: 0,
    });
    expect(evaluatePlanReviews(plan(), '2026-05-11').nextReview).toMatchObject({ timeliness: 'OVERDUE', daysOverdue: 1 });
    const one = evaluatePlanReviews(
      plan({ reviews: [{ id: 'r1', meetingOn: '2026-04-20', reportOn: null, decision: null, decidedOn: null, pfaAreas: [] }] }),
      '2026-05-11',
    );
    expect(one.reviews[0].meeting).toMatchObject({ dueOn: '2026-05-10', doneOn: '2026-04-20', timeliness: 'IN_TIME' });
    expect(one.nextReview).toMatchObject({ startOn: '2026-04-20', dueOn: '2027-04-20', timeliness: 'NOT_YET_DUE' });
  });

  it('report in 2 weeks, decision in 4 weeks of the meeting, amended final in 8 weeks of the notice', () => {
    const review = {
      id: 'r1',
      meetingOn: '2026-03-02',
      reportOn: '2026-03-17',
      decision: 'AMEND' as const,
      decidedOn: '2026-03-30',
      pfaAreas: [],
    };
    const c = evaluatePlanReviews(
      plan({
        reviews: [review],
        issues: [
          { kind: 'FINAL', issuedOn: '2025-05-10' },
          { kind: 'AMENDMENT_DRAFT', issuedOn: '2026-03-30' },
          { kind: 'AMENDED_FINAL', issuedOn: '2026-05-25' },
        ],
      }),
      '2026-06-01',
    ).reviews[0];
    expect(c.report).toMatchObject({ dueOn: '2026-03-16', doneOn: '2026-03-17', timeliness: 'LATE', daysLate: 1 });
    expect(c.decision).toMatchObject({ dueOn: '2026-03-30', timeliness: 'IN_TIME' });
    expect(c.amendedPlan).toMatchObject({ startOn: '2026-03-30', dueOn: '2026-05-25', doneOn: '2026-05-25', timeliness: 'IN_TIME' });
    const waiting = evaluatePlanReviews(plan({ reviews: [review] }), '2026-06-01').reviews[0];
    expect(waiting.amendedPlan).toMatchObject({ doneOn: null, timeliness: 'OVERDUE', daysOverdue: 7 });
  });

  it('the 8 weeks run from the amendment notice when one was sent after the decision (reg 22(3))', () => {
    const review = {
      id: 'r1',
      meetingOn: '2026-03-02',
      reportOn: '2026-03-10',
      decision: 'AMEND' as const,
      decidedOn: '2026-03-20',
      pfaAreas: [],
    };
    const issues = [
      { kind: 'FINAL' as const, issuedOn: '2025-05-10' },
      { kind: 'AMENDMENT_DRAFT' as const, issuedOn: '2026-04-06' },
      { kind: 'AMENDED_FINAL' as const, issuedOn: '2026-05-30' },
    ];
    expect(evaluatePlanReviews(plan({ reviews: [review], issues }), '2026-06-01').reviews[0].amendedPlan).toMatchObject({
      startOn: '2026-04-06',
      dueOn: '2026-06-01',
      doneOn: '2026-05-30',
      timeliness: 'IN_TIME',
    });
    // A notice of the next review's cycle does not count for this one.
    const later = [
      { kind: 'FINAL' as const, issuedOn: '2025-05-10' },
      { kind: 'AMENDMENT_DRAFT' as const, issuedOn: '2027-03-15' },
    ];
    const next = { ...review, id: 'r2', meetingOn: '2027-03-01', reportOn: null, decision: null, decidedOn: null };
    expect(evaluatePlanReviews(plan({ reviews: [review, next], issues: later }), '2027-04-01').reviews[0].amendedPlan).toMatchObject({
      startOn: '2026-03-20',
      doneOn: null,
      timeliness: 'OVERDUE',
    });
  });

  it('no amended plan is due after a decision to maintain or cease, and none before the decision', () => {
    const maintain = evaluatePlanReviews(
      plan({
        reviews: [
          { id: 'r', meetingOn: '2026-03-02', reportOn: '2026-03-10', decision: 'MAINTAIN', decidedOn: '2026-03-20', pfaAreas: [] },
        ],
      }),
      '2026-09-01',
    ).reviews[0];
    expect(maintain.amendedPlan.timeliness).toBe('NOT_APPLICABLE');
    const undecided = evaluatePlanReviews(
      plan({ reviews: [{ id: 'r', meetingOn: '2026-03-02', reportOn: null, decision: null, decidedOn: null, pfaAreas: [] }] }),
      '2026-04-01',
    ).reviews[0];
    expect(undecided.decision).toMatchObject({ timeliness: 'OVERDUE', daysOverdue: 2 });
    expect(undecided.report).toMatchObject({ timeliness: 'OVERDUE', daysOverdue: 16 });
    expect(undecided.amendedPlan.timeliness).toBe('NOT_APPLICABLE');
  });

  it('a ceased plan has no next review and no phase transfer', () => {
    const c = evaluatePlanReviews(plan({ ceasedOn: '2026-01-10' }), '2027-01-01');
    expect(c.nextReview.timeliness).toBe('NOT_APPLICABLE');
    expect(c.phaseTransfer).toBeNull();
  });

  it('shows the coming phase transfer with its deadline', () => {
    // Born 14 March 2016: Year 6 from September 2026, into Year 7 on 1 September 2027.
    const c = evaluatePlanReviews(plan(), '2026-12-01');
    expect(c.phaseTransfer).toMatchObject({
      transfer: 'PRIMARY_TO_SECONDARY',
      transferOn: '2027-09-01',
      step: { startOn: '2026-09-01', dueOn: '2027-02-15', timeliness: 'NOT_YET_DUE', daysRemaining: 76 },
    });
  });
});

describe('preparation for adulthood from year 9 (regs 20(6), 21(6))', () => {
  it('is required from the September of year 9, and the missing areas are named', () => {
    // Born 27 Feb 2011: Year 9 from 1 September 2024.
    expect(pfaCheck('2011-02-27', '2024-08-31', [])).toEqual({ required: false, considered: [], missing: [] });
    expect(pfaCheck('2011-02-27', '2024-09-01', ['EMPLOYMENT', 'HEALTH'])).toEqual({
      required: true,
      considered: ['EMPLOYMENT', 'HEALTH'],
      missing: ['INDEPENDENT_LIVING', 'COMMUNITY'],
    });
    expect(pfaCheck('2011-02-27', '2025-03-01', ['COMMUNITY', 'HEALTH', 'EMPLOYMENT', 'INDEPENDENT_LIVING']).missing).toEqual([]);
  });

  it("the review clock judges each review by the child's year on the meeting date", () => {
    const c = evaluatePlanReviews(
      plan({
        dateOfBirth: '2011-02-27',
        madeOn: '2022-12-12',
        reviews: [
          { id: 'y8', meetingOn: '2023-12-01', reportOn: null, decision: 'MAINTAIN', decidedOn: '2023-12-20', pfaAreas: [] },
          { id: 'y9', meetingOn: '2024-11-20', reportOn: null, decision: 'MAINTAIN', decidedOn: '2024-12-10', pfaAreas: ['EMPLOYMENT'] },
        ],
      }),
      '2025-01-10',
    );
    expect(c.reviews.map((r) => [r.nationalCurriculumYear, r.pfa.required, r.pfa.missing.length])).toEqual([
      [8, false, 0],
      [9, true, 3],
    ]);
    expect(c.pfaRequiredAtNextReview).toBe(true);
  });
});

describe('review deadlines in a period, for commissioning (judged as at the period end)', () => {
  // Born 10 May 2015: into Year 7 on 1 September 2026, so reviewed and amended by 15 February 2026.
  const p = (over: Partial<ClockPlan> = {}) =>
    plan({ madeOn: '2024-03-01', dateOfBirth: '2015-05-10', issues: [{ kind: 'FINAL', issuedOn: '2024-03-01' }], ...over });
  const review = (id: string, meetingOn: string, decision: 'MAINTAIN' | 'AMEND' | null = null, decidedOn: string | null = null) => ({
    id,
    meetingOn,
    reportOn: null,
    decision,
    decidedOn,
    pfaAreas: [],
  });

  it('an annual review held before its due date is in time; the next one not held by the date is overdue', () => {
    const held = p({ reviews: [review('r1', '2025-02-20', 'AMEND', '2025-03-10')] });
    expect(reviewDeadlinesIn(held, '2024-04-01', '2025-03-31').reviews).toEqual(['IN_TIME']);
    // The next falls due on 20 February 2026 (12 months after the meeting) and was not held.
    expect(reviewDeadlinesIn(held, '2025-04-01', '2026-03-31').reviews).toEqual(['OVERDUE']);
  });

  it('the primary-to-secondary transfer derived from the date of birth: overdue without an amended plan, in time with one by 15 February', () => {
    expect(reviewDeadlinesIn(p(), '2025-04-01', '2026-03-31').transfers).toEqual(['OVERDUE']);
    expect(
      reviewDeadlinesIn(
        p({
          issues: [
            { kind: 'FINAL', issuedOn: '2024-03-01' },
            { kind: 'AMENDED_FINAL', issuedOn: '2026-02-10' },
          ],
        }),
        '2025-04-01',
        '2026-03-31',
      ).transfers,
    ).toEqual(['IN_TIME']);
    expect(
      reviewDeadlinesIn(
        p({
          issues: [
            { kind: 'FINAL', issuedOn: '2024-03-01' },
            { kind: 'AMENDED_FINAL', issuedOn: '2026-03-02' },
          ],
        }),
        '2025-04-01',
        '2026-03-31',
      ).transfers,
    ).toEqual(['LATE']);
    // A deadline outside the period is not counted.
    expect(reviewDeadlinesIn(p(), '2024-04-01', '2025-03-31').transfers).toEqual([]);
  });

  it('judges the plan as it stood on the date: a later amended plan, review or cease had not happened yet', () => {
    const later = p({
      issues: [
        { kind: 'FINAL', issuedOn: '2024-03-01' },
        { kind: 'AMENDED_FINAL', issuedOn: '2026-02-10' },
      ],
      reviews: [review('r1', '2025-02-20', 'MAINTAIN', '2025-04-02')],
      ceasedOn: '2026-01-31',
    });
    const asAt = clockPlanAsAt(later, '2025-03-31')!;
    expect(asAt.issues).toEqual([{ kind: 'FINAL', issuedOn: '2024-03-01' }]);
    expect(asAt.reviews[0]).toMatchObject({ meetingOn: '2025-02-20', decision: null, decidedOn: null });
    expect(asAt.ceasedOn).toBeNull();
    expect(clockPlanAsAt(later, '2024-02-01')).toBeNull();
    // Ceased on 31 January 2026, before the 15 February deadline: the transfer no longer applies.
    expect(reviewDeadlinesIn(p({ ceasedOn: '2026-01-31' }), '2025-04-01', '2026-03-31').transfers).toEqual([]);
  });
});

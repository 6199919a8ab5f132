import { makeUpn } from './identifiers';
import { buildSen2Return, sen2CensusDate, sen2CensusDateProblem, sen2ChildXml, sen2XmlEnvelope, type Sen2SourceChild } from './sen2-return';

const child = (id: string, over: Partial<Sen2SourceChild> = {}): Sen2SourceChild => ({
  childId: id,
  upn: makeUpn(937, 2001, 2016, 1),
  uln: null,
  surname: 'Demo',
  forename: 'Ava',
  dateOfBirth: '2016-03-14',
  postcodeDistrict: 'CV34',
  needs: [
    { rank: 1, senType: 'ASD' },
    { rank: 2, senType: 'SLCN' },
  ],
  placements: [{ urn: '123456', settingCode: null, placementType: 'MAINSTREAM', startDate: '2020-09-02', endDate: null }],
  assessments: [],
  plans: [],
  ...over,
});
const assessment = (over: Partial<Sen2SourceChild['assessments'][number]> = {}) => ({
  id: 'a',
  requestReceivedOn: '2026-02-02',
  decision: 'Y' as const,
  decidedOn: '2026-03-10',
  withdrawnOn: null,
  finalIssuedOn: '2026-06-15',
  notIssuedNoticeOn: null,
  hadException: false,
  ...over,
});

describe('census date', () => {
  it('is the third Thursday of January', () => {
    expect(sen2CensusDate(2025)).toBe('2025-01-16');
    expect(sen2CensusDate(2024)).toBe('2024-01-18');
    expect(sen2CensusDate(2027)).toBe('2027-01-21');
    expect(sen2CensusDateProblem('2027-01-21')).toBeNull();
    expect(sen2CensusDateProblem('2027-01-14')).toMatch(/third Thursday/);
  });
});

describe('the return', () => {
  it('takes requests and new plans from the previous calendar year and active plans on the census date', () => {
    const r = buildSen2Return('937', '2027-01-21', [
      child('c1', {
        assessments: [assessment()],
        plans: [{ id: 'p1', madeOn: '2026-06-15', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
      // Request from before the period: not in Requests, but its plan is active.
      child('c2', {
        assessments: [assessment({ requestReceivedOn: '2024-02-02', decidedOn: '2024-03-01', finalIssuedOn: '2024-06-01' })],
        plans: [{ id: 'p2', madeOn: '2024-06-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
      // Ceased in the period: a named plan with its reason, not active.
      child('c3', { plans: [{ id: 'p3', madeOn: '2019-07-01', status: 'CEASED', ceasedOn: '2026-07-20', ceaseReason: '5' }] }),
      // Nothing in any module: not in the return.
      child('c4', { plans: [{ id: 'p4', madeOn: '2018-01-01', status: 'CEASED', ceasedOn: '2025-03-01', ceaseReason: '2' }] }),
    ]);
    expect(r).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(r.children.map((c) => c.childId)).toEqual(['c1', 'c2', 'c3']);
    expect(r.counts).toEqual({ persons: 3, requests: 1, assessments: 1, namedPlans: 1, ceasedPlans: 1, activePlans: 2 });
    expect(r.children[0].requests[0]).toEqual({
      requestReceivedOn: '2026-02-02',
      requestOutcome: 'Y',
      requestOutcomeDate: '2026-03-10',
      assessmentOutcome: 'Y',
      assessmentOutcomeDate: '2026-06-15',
      twentyWeekException: false,
    });
    expect(r.children[2].namedPlans).toEqual([{ startDate: '2019-07-01', ceaseDate: '2026-07-20', ceaseReason: '5' }]);
    expect(r.children[2].activePlan).toBeNull();
    expect(r.children[1].activePlan).toMatchObject({
      startDate: '2024-06-01',
      needs: [
        { rank: 1, senType: 'ASD' },
        { rank: 2, senType: 'SLCN' },
      ],
    });
    expect(r.issues).toEqual([]);
  });

  it('reports outcomes as they stood on the census date', () => {
    const r = buildSen2Return('937', '2027-01-21', [
      child('c1', { assessments: [assessment({ requestReceivedOn: '2026-12-20', decidedOn: '2027-01-25', finalIssuedOn: null })] }),
      child('c2', {
        assessments: [
          assessment({ requestReceivedOn: '2026-03-01', decidedOn: null, decision: 'A', finalIssuedOn: null, withdrawnOn: '2026-03-20' }),
        ],
      }),
      child('c3', {
        assessments: [
          assessment({ requestReceivedOn: '2026-03-01', decidedOn: '2026-04-01', finalIssuedOn: null, notIssuedNoticeOn: '2026-06-01' }),
        ],
      }),
    ]);
    expect(r.children.map((c) => [c.requests[0].requestOutcome, c.requests[0].assessmentOutcome])).toEqual([
      ['A', null],
      ['W', null],
      ['Y', 'N'],
    ]);
  });

  it.each([
    [
      'SEN2-P01',
      child('x', { upn: 'A937200116001', plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }] }),
    ],
    ['SEN2-P02', child('x', { upn: null, plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }] })],
    [
      'SEN2-P03',
      child('x', {
        dateOfBirth: '2001-05-01',
        upn: null,
        uln: '4012345678',
        plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
    ],
    ['SEN2-R02', child('x', { assessments: [assessment({ decision: 'A', decidedOn: null, finalIssuedOn: null })] })],
    ['SEN2-A02', child('x', { assessments: [assessment({ finalIssuedOn: '2026-06-23' })] })],
    ['SEN2-N01', child('x', { needs: [], plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }] })],
    [
      'SEN2-N02',
      child('x', { placements: [], plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }] }),
    ],
    ['SEN2-N03', child('x', { plans: [{ id: 'p', madeOn: '2026-01-10', status: 'CEASED', ceasedOn: null, ceaseReason: '9' }] })],
    [
      'SEN2-N04',
      child('x', {
        needs: [{ rank: 1, senType: 'NSA' }],
        plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
    ],
    [
      'SEN2-N05',
      child('x', {
        placements: [{ urn: null, settingCode: 'XYZ', placementType: 'EHE', startDate: '2020-01-01', endDate: null }],
        plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
    ],
  ])('%s', (rule, c) => {
    const r = buildSen2Return('937', '2027-01-21', [c]);
    expect(r.issues.map((i) => i.rule)).toEqual([rule]);
  });

  it('20 weeks is in time; an exception recorded clears the query', () => {
    expect(
      buildSen2Return('937', '2027-01-21', [child('x', { assessments: [assessment({ finalIssuedOn: '2026-06-22' })] })]).issues,
    ).toEqual([]);
    expect(
      buildSen2Return('937', '2027-01-21', [child('x', { assessments: [assessment({ finalIssuedOn: '2026-07-22', hadException: true })] })])
        .issues,
    ).toEqual([]);
  });

  it('writes XML with the envelope apart from the personal part, escaping text', () => {
    const r = buildSen2Return('937', '2027-01-21', [
      child('c1', {
        surname: "O'Neil & <Co>",
        plans: [{ id: 'p', madeOn: '2020-01-01', status: 'FINAL', ceasedOn: null, ceaseReason: null }],
      }),
    ]);
    const { header, footer } = sen2XmlEnvelope(r);
    expect(header).toContain('<ReferenceDate>2027-01-21</ReferenceDate>');
    expect(header).not.toContain('Demo');
    const xml = sen2ChildXml(r.children[0]);
    expect(xml).toContain("<Surname>O'Neil &amp; &lt;Co&gt;</Surname>");
    expect(xml).toContain('<SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed>');
    expect(footer).toBe('</Persons></Message>');
  });
});

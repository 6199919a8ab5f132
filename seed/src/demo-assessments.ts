// EHC needs assessments in the demo: every state (awaiting decision, assessing, draft, final, not
// issued, not assessed, withdrawn), some in time, some late, some with exceptions; advice to trust
// RX1 and to LA937 social care on time, late, outstanding, overdue and amended. Assessments under
// way are dated relative to the day the demo is written, so `npm start` always shows live clocks.
import { addDays, newlyReceived, type AdviceType, type Agency } from '@hub/schema';
import type { AdviceRequestPart, AdviceVersion, AssessmentPart } from './model';

const uuid = (block: string, n: number) => `00000000-0000-4000-${block}-${String(n).padStart(12, '0')}`;

function health(submittedOn: string, needs: string[], provision: string, amended?: string): AdviceVersion[] {
  const v: AdviceVersion = {
    submittedOn,
    authorName: 'Dr Demo Paediatrician',
    authorRole: 'Community paediatrician',
    adviceDate: submittedOn,
    needs,
    outcomes: ['Communicates needs and choices with familiar adults'],
    provision: [{ section: 'G', description: provision, provider: 'RX1', hoursPerWeek: 1 }],
  };
  return amended
    ? [
        v,
        {
          ...v,
          submittedOn: amended,
          adviceDate: amended,
          provision: [{ ...v.provision[0], description: `${provision} (amended: fortnightly sessions)` }],
        },
      ]
    : [v];
}

function social(submittedOn: string, needs: string[]): AdviceVersion[] {
  return [
    {
      submittedOn,
      authorName: 'Demo Social Worker',
      authorRole: 'Social worker',
      adviceDate: submittedOn,
      needs,
      outcomes: ['Family sustains care at home with regular breaks'],
      provision: [
        { section: 'H1', description: 'Overnight short breaks, 24 nights a year', provider: 'LA short breaks service', hoursPerWeek: null },
      ],
    },
  ];
}

let requestNo = 0;
function req(
  adviceType: AdviceType,
  agency: Agency,
  organisation: string,
  requestedOn: string,
  receivedOn: string | null,
  versions: AdviceVersion[] = [],
): AdviceRequestPart {
  requestNo++;
  return {
    id: uuid('b000', requestNo),
    adviceType,
    agency,
    organisation,
    requestedOn,
    receivedOn,
    existing: null,
    versions,
    adviceId: versions.length ? uuid('c000', requestNo) : null,
  };
}

function assessment(n: number, over: Partial<AssessmentPart> & Pick<AssessmentPart, 'requestReceivedOn'>): AssessmentPart {
  return { id: uuid('a000', n), ...newlyReceived(over.requestReceivedOn), ...over };
}

/** Demo assessments by demo child number (1-12), as of `today`. */
export function demoAssessments(today: string): Record<number, AssessmentPart[]> {
  requestNo = 0;
  const ago = (days: number) => addDays(today, -days);
  const ex = (n: number) => uuid('d000', n);
  // Child 1: FINAL in time; health advice in time and later amended, social care advice late.
  const ava = [
    req(
      'HEALTH',
      'HEALTH',
      'RX1',
      '2023-02-08',
      '2023-03-15',
      health(
        '2023-03-15',
        ['Limited verbal communication', 'Needs a sensory diet through the day'],
        'Speech and language therapy programme reviewed termly',
        '2023-04-02',
      ),
    ),
    req(
      'SOCIAL_CARE',
      'SOCIAL_CARE',
      'LA937',
      '2023-02-08',
      '2023-03-30',
      social('2023-03-30', ['Parents need regular short breaks to sustain care at home']),
    ),
    req('EDUCATIONAL_PSYCHOLOGY', 'EDUCATION', 'LA937', '2023-02-08', '2023-03-20'),
  ];
  // Child 2: FINAL late; health advice late, social care in time.
  const ben = [
    req(
      'HEALTH',
      'HEALTH',
      'RX1',
      '2024-11-04',
      '2025-01-10',
      health('2025-01-10', ['Anxiety affecting attendance'], 'CAMHS support, weekly sessions'),
    ),
    req(
      'SOCIAL_CARE',
      'SOCIAL_CARE',
      'LA937',
      '2024-11-04',
      '2024-12-10',
      social('2024-12-10', ['Family needs support while the child protection plan is in place']),
    ),
  ];
  // Child 3: NOT_ISSUED, notice late; health advice late but excused by a missed appointment.
  const cara = [
    req(
      'HEALTH',
      'HEALTH',
      'RX1',
      '2025-02-24',
      '2025-04-14',
      health('2025-04-14', ['Fine motor difficulties'], 'Occupational therapy review'),
    ),
  ];
  // Child 5: FINAL late, excused by exceptional personal circumstances.
  const esme = [
    req(
      'HEALTH',
      'HEALTH',
      'RX1',
      '2020-01-06',
      '2020-02-10',
      health('2020-02-10', ['Physical disability: cerebral palsy'], 'Physiotherapy programme, weekly'),
    ),
  ];
  // Child 9: FINAL late, excused by the school's summer closure; the school's advice too.
  const iris = [req('EDUCATION', 'EDUCATION', '145009', '2022-07-11', '2022-09-12')];
  // Child 6: awaiting the decision (overdue); social care asked early, not yet due.
  const finn = [req('SOCIAL_CARE', 'SOCIAL_CARE', 'LA937', ago(20), null)];
  // Child 8: assessing; health advice overdue (RX1 does not know the child: no health record, no consent).
  const hari = [req('HEALTH', 'HEALTH', 'RX1', ago(75), null), req('EDUCATIONAL_PSYCHOLOGY', 'EDUCATION', 'LA937', ago(75), ago(40))];
  // Child 12: draft issued; health advice in time.
  const lena = [
    req(
      'HEALTH',
      'HEALTH',
      'RX1',
      ago(88),
      ago(50),
      health(ago(50), ['Hearing impairment: needs a radio aid'], 'Audiology review every 6 months'),
    ),
  ];
  return {
    1: [
      assessment(1, {
        requestReceivedOn: '2022-12-28',
        decision: 'Y',
        decidedOn: '2023-02-06',
        draftIssuedOn: '2023-04-12',
        finalIssuedOn: '2023-05-10',
        adviceRequests: ava,
      }),
    ],
    2: [
      assessment(2, {
        requestReceivedOn: '2024-09-16',
        decision: 'Y',
        decidedOn: '2024-10-28',
        draftIssuedOn: '2025-02-03',
        finalIssuedOn: '2025-03-01',
        adviceRequests: ben,
      }),
    ],
    3: [
      assessment(3, {
        requestReceivedOn: '2025-01-13',
        decision: 'Y',
        decidedOn: '2025-02-20',
        notIssuedNoticeOn: '2025-05-12',
        adviceRequests: cara,
        exceptions: [
          {
            id: ex(1),
            kind: 'MISSED_APPOINTMENT',
            reason: 'Clinic appointment not attended; rebooked',
            startOn: '2025-03-10',
            endOn: '2025-03-10',
            adviceRequestId: cara[0].id,
          },
        ],
      }),
    ],
    5: [
      assessment(5, {
        requestReceivedOn: '2019-12-02',
        decision: 'Y',
        decidedOn: '2020-01-10',
        draftIssuedOn: '2020-05-20',
        finalIssuedOn: '2020-06-15',
        adviceRequests: esme,
        exceptions: [
          {
            id: ex(2),
            kind: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES',
            reason: 'Bereavement in the family; parent asked to pause',
            startOn: '2020-03-20',
            endOn: '2020-05-31',
            adviceRequestId: null,
          },
        ],
      }),
      assessment(13, { requestReceivedOn: '2025-05-05', withdrawnOn: '2025-06-10' }),
    ],
    6: [assessment(6, { requestReceivedOn: ago(50), adviceRequests: finn })],
    8: [assessment(8, { requestReceivedOn: ago(120), decision: 'Y', decidedOn: ago(80), adviceRequests: hari })],
    9: [
      assessment(9, {
        requestReceivedOn: '2022-07-04',
        decision: 'Y',
        decidedOn: '2022-08-10',
        draftIssuedOn: '2022-11-14',
        finalIssuedOn: '2022-12-12',
        adviceRequests: iris,
        exceptions: [
          {
            id: ex(3),
            kind: 'SETTING_CLOSED',
            reason: 'School closed for the summer holiday',
            startOn: '2022-07-22',
            endOn: '2022-09-05',
            adviceRequestId: iris[0].id,
          },
        ],
      }),
      assessment(14, { requestReceivedOn: '2021-09-06', decision: 'N', decidedOn: '2021-10-25' }),
    ],
    12: [assessment(12, { requestReceivedOn: ago(125), decision: 'Y', decidedOn: ago(90), draftIssuedOn: ago(20), adviceRequests: lena })],
  };
}

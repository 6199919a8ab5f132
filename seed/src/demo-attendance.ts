// Attendance and exclusions in the demo (schema/src/attendance.ts): the school-age demo children's
// terms of 2025/26 and the autumn of 2026, so the education record shows them and the commissioning
// inclusion measure has something to count. Child 2 (SEMH) was permanently excluded from Riverside
// High School before moving to alternative provision, and is persistently absent there; child 6 (SEN
// support, SEMH) has two suspensions; child 9 is persistently absent in the summer. One statement per table.
import { inTransaction } from './in-transaction';
import { DEMO_CHILDREN } from './demo';

const uuid = (n: number) => `00000000-0000-4000-a77e-${String(n).padStart(12, '0')}`;

const TERMS = [
  { start: '2025-09-01', term: 'AUTUMN', possible: 142 },
  { start: '2026-01-05', term: 'SPRING', possible: 120 },
  { start: '2026-04-13', term: 'SUMMER', possible: 128 },
  { start: '2026-09-02', term: 'AUTUMN', possible: 24 },
] as const;

/** Per demo child (1-based): authorised and unauthorised absence per term, in TERMS order. */
const ABSENCE: Record<number, [number, number][]> = {
  1: [
    [4, 0],
    [6, 0],
    [3, 0],
    [0, 0],
  ],
  2: [
    [14, 9],
    [10, 8],
    [12, 6],
    [2, 2],
  ],
  3: [
    [10, 0],
    [8, 0],
    [12, 0],
    [2, 0],
  ],
  4: [
    [2, 0],
    [4, 1],
    [2, 0],
    [0, 0],
  ],
  5: [
    [6, 0],
    [4, 0],
    [8, 2],
    [1, 0],
  ],
  6: [
    [6, 4],
    [8, 3],
    [4, 2],
    [1, 1],
  ],
  8: [
    [3, 0],
    [2, 0],
    [1, 1],
    [0, 0],
  ],
  9: [
    [6, 2],
    [6, 2],
    [12, 6],
    [1, 0],
  ],
};

const EXCLUSIONS = [
  { id: uuid(1), child: 2, kind: 'PERMANENT', startOn: '2024-12-02', sessions: null },
  { id: uuid(2), child: 6, kind: 'SUSPENSION', startOn: '2025-11-17', sessions: 4 },
  { id: uuid(3), child: 6, kind: 'SUSPENSION', startOn: '2026-03-09', sessions: 6 },
];

export async function writeDemoAttendance(educationUrl: string): Promise<void> {
  const rows = Object.entries(ABSENCE).flatMap(([n, terms]) =>
    terms.map(([authorised, unauthorised], k) => ({
      child: DEMO_CHILDREN[Number(n) - 1].id,
      ...TERMS[k],
      authorised,
      unauthorised,
      attended: TERMS[k].possible - authorised - unauthorised,
    })),
  );
  await inTransaction(educationUrl, async (db) => {
    await db.query(
      `INSERT INTO attendance_term (child_id, term_start, term, sessions_possible, sessions_attended, authorised_absence, unauthorised_absence)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::smallint[], $5::smallint[], $6::smallint[], $7::smallint[])`,
      [
        rows.map((r) => r.child),
        rows.map((r) => r.start),
        rows.map((r) => r.term),
        rows.map((r) => r.possible),
        rows.map((r) => r.attended),
        rows.map((r) => r.authorised),
        rows.map((r) => r.unauthorised),
      ],
    );
    await db.query(
      'INSERT INTO exclusion (id, child_id, kind, start_on, sessions) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::smallint[])',
      [
        EXCLUSIONS.map((x) => x.id),
        EXCLUSIONS.map((x) => DEMO_CHILDREN[x.child - 1].id),
        EXCLUSIONS.map((x) => x.kind),
        EXCLUSIONS.map((x) => x.startOn),
        EXCLUSIONS.map((x) => x.sessions),
      ],
    );
  });
}

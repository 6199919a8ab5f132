// Education's inclusion facts for joint commissioning (the `inclusion` field of its extract,
// packages/agency-kit/src/commissioning/layout.ts): for the academic year to the "as at" date, per child, only
// coarse figures — whole percent of sessions missed, whether persistently absent (computed here on
// the true sessions, so rounding never moves a child across the 10% line), the number of suspensions
// (capped at 9) and whether permanently excluded. No date, term or session count leaves the agency.
import { AS_AT } from '@hub/agency-kit/commissioning/layout';
import { type ExtractColumn } from '@hub/agency-kit/commissioning/extract';
import { PERSISTENT_ABSENCE_PERCENT } from '@hub/schema';

/** 1 August of the academic year the date falls in (schema's academicYearOf, in SQL). */
const YEAR_START = `make_date(extract(year FROM ${AS_AT})::int - CASE WHEN extract(month FROM ${AS_AT}) < 8 THEN 1 ELSE 0 END, 8, 1)`;

export const INCLUSION_COLUMN: ExtractColumn = {
  select: `CASE WHEN att.child_id IS NULL AND exc.child_id IS NULL THEN '' ELSE concat(
    CASE WHEN att.possible > 0 THEN round(100.0 * att.missed / att.possible)::int::text ELSE '' END, ':',
    CASE WHEN att.possible > 0 AND 100 * att.missed >= ${PERSISTENT_ABSENCE_PERCENT} * att.possible THEN '1' ELSE '0' END, ':',
    least(coalesce(exc.suspensions, 0), 9), ':',
    CASE WHEN exc.permanent THEN '1' ELSE '0' END) END`,
  joins: [
    `LEFT JOIN (SELECT a.child_id, sum(a.sessions_possible) AS possible, sum(a.authorised_absence + a.unauthorised_absence) AS missed
       FROM attendance_term a WHERE a.term_start >= ${YEAR_START} AND a.term_start <= ${AS_AT} GROUP BY a.child_id) att ON att.child_id = r.child_id`,
    `LEFT JOIN (SELECT x.child_id, count(*) FILTER (WHERE x.kind = 'SUSPENSION') AS suspensions, bool_or(x.kind = 'PERMANENT') AS permanent
       FROM exclusion x WHERE x.start_on >= ${YEAR_START} AND x.start_on <= ${AS_AT} AND x.withdrawn_on IS NULL
       GROUP BY x.child_id) exc ON exc.child_id = r.child_id`,
  ],
};

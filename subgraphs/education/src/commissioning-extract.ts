// Education's pseudonymised commissioning extract (packages/agency-kit/src/commissioning): one statement, one
// line per child on the education record with the fields asked for, then (when asked for) the
// timeliness section (commissioning-timeliness.ts), reduced to outcome codes in this process; the
// inclusion field is commissioning-inclusion.ts.
import { AGE_BOUNDS_SQL, ageBandSql } from '@hub/agency-kit/commissioning/layout';
import { OPEN_SERVICE_USES_SQL, openOn, type AgencyExtract } from '@hub/agency-kit/commissioning/extract';
import { timelinessInputSql, timelinessLines } from './commissioning-timeliness';
import { INCLUSION_COLUMN } from './commissioning-inclusion';

export const COMMISSIONING_EXTRACT: AgencyExtract<'education'> = {
  agency: 'education',
  from: 'education_record r',
  columns: {
    ageBand: { select: ageBandSql('r.date_of_birth'), joins: [`CROSS JOIN ${AGE_BOUNDS_SQL}`] },
    la: { select: 'r.la_code' },
    locality: { select: 'r.postcode_district' },
    senStatus: { select: 'r.sen_status' },
    primarySenType: { select: `coalesce(n.sen_type, 'NONE')`, joins: ['LEFT JOIN sen_need n ON n.child_id = r.child_id AND n.rank = 1'] },
    placementType: {
      select: `coalesce(p.placement_type, 'NONE')`,
      // The newest placement open on the date.
      joins: [
        `LEFT JOIN (SELECT DISTINCT ON (p.child_id) p.child_id, p.placement_type FROM placement p
             WHERE ${openOn('p')} ORDER BY p.child_id, p.start_date DESC, p.id DESC) p ON p.child_id = r.child_id`,
      ],
    },
    services: { select: `coalesce(u.ids, '')`, joins: [`LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`] },
    inclusion: INCLUSION_COLUMN,
  },
  timeliness: { sql: timelinessInputSql, finish: timelinessLines },
};

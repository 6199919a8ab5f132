// Education's pseudonymised commissioning extract (common/src/commissioning): one statement, one
// line per child on the education record (fields in EXTRACT_FIELDS.education order), then the
// timeliness section (commissioning-timeliness.ts), reduced to outcome codes in this process.
import { ageBandSql, extractSql, OPEN_SERVICE_USES_SQL, openOn, pseudonymSql, SECTION_SEPARATOR } from '@hub/common';
import { CLOCK_LINES_SQL, timelinessLines } from './commissioning-timeliness';

export const COMMISSIONING_EXTRACT_SQL = extractSql(`
  SELECT concat_ws('|', ${pseudonymSql('r.child_id')}, ${ageBandSql('r.date_of_birth')}, r.la_code, r.postcode_district, r.sen_status,
    coalesce(n.sen_type, 'NONE'), coalesce(p.placement_type, 'NONE'), coalesce(u.ids, '')) AS line
  FROM education_record r
  LEFT JOIN sen_need n ON n.child_id = r.child_id AND n.rank = 1
  LEFT JOIN (SELECT DISTINCT ON (p.child_id) p.child_id, p.placement_type FROM placement p
             WHERE ${openOn('p')} ORDER BY p.child_id, p.start_date DESC, p.id DESC) p ON p.child_id = r.child_id
  LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`, { clocks: CLOCK_LINES_SQL });

export function finishExtract(row: Record<string, string>, asAt: string): string {
  return row.extract + SECTION_SEPARATOR + timelinessLines(row.clocks, asAt);
}

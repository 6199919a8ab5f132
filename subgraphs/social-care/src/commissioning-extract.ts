// Social care's pseudonymised commissioning extract (common/src/commissioning): one statement, one
// line per child on the social care record, fields in EXTRACT_FIELDS['social-care'] order.
import { extractSql, OPEN_SERVICE_USES_SQL, openOn, pseudonymSql } from '@hub/common';

const open = (table: string) => `EXISTS (SELECT 1 FROM ${table} t WHERE t.child_id = r.child_id AND ${openOn('t')})`;

export const COMMISSIONING_EXTRACT_SQL = extractSql(`
  SELECT concat_ws('|', ${pseudonymSql('r.child_id')}, r.la_code,
    CASE WHEN ${open('cla_period')} THEN 'CLA' WHEN ${open('cp_plan')} THEN 'CP' WHEN ${open('cin_episode')} THEN 'CIN' ELSE 'KNOWN_NOT_OPEN' END,
    coalesce(u.ids, '')) AS line
  FROM social_care_record r
  LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`);

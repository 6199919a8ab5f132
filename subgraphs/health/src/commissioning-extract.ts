// Health's pseudonymised commissioning extract (common/src/commissioning): one statement, one line
// per child on the health record, fields in EXTRACT_FIELDS.health order.
import { COMPLETED_WAITS_AGG_SQL, extractSql, OPEN_SERVICE_USES_SQL, pseudonymSql, WAIT_STATES_AGG_SQL } from '@hub/common';
import { HEALTH_SERVICES } from '@hub/schema';

export const COMMISSIONING_EXTRACT_SQL = extractSql(`
  SELECT concat_ws('|', ${pseudonymSql('r.child_id')}, coalesce(w.states, '${'0'.repeat(HEALTH_SERVICES.length)}'), coalesce(w.done, ''), coalesce(u.ids, '')) AS line
  FROM health_record r
  LEFT JOIN (SELECT f.child_id, ${WAIT_STATES_AGG_SQL} AS states, ${COMPLETED_WAITS_AGG_SQL} AS done
             FROM referral f GROUP BY f.child_id) w ON w.child_id = r.child_id
  LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`);

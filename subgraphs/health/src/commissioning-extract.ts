// Health's pseudonymised commissioning extract (common/src/commissioning): one statement, one line
// per child on the health record, with the fields asked for.
import { COMPLETED_WAITS_AGG_SQL, OPEN_SERVICE_USES_SQL, WAIT_STATES_AGG_SQL, type AgencyExtract } from '@hub/common';
import { HEALTH_SERVICES } from '@hub/schema';

const REFERRALS = `LEFT JOIN (SELECT f.child_id, ${WAIT_STATES_AGG_SQL} AS states, ${COMPLETED_WAITS_AGG_SQL} AS done
             FROM referral f GROUP BY f.child_id) w ON w.child_id = r.child_id`;

export const COMMISSIONING_EXTRACT: AgencyExtract<'health'> = {
  agency: 'health',
  from: 'health_record r',
  columns: {
    waitStates: { select: `coalesce(w.states, '${'0'.repeat(HEALTH_SERVICES.length)}')`, joins: [REFERRALS] },
    completedWaits: { select: `coalesce(w.done, '')`, joins: [REFERRALS] },
    services: { select: `coalesce(u.ids, '')`, joins: [`LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`] },
  },
};

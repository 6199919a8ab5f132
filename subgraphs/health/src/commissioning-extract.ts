// Health's pseudonymised commissioning extract (packages/agency-kit/src/commissioning): one statement, one line
// per child on the health record, with the fields asked for.
import { AS_AT } from '@hub/agency-kit/commissioning/layout';
import { OPEN_SERVICE_USES_SQL, type AgencyExtract } from '@hub/agency-kit/commissioning/extract';
import { HEALTH_SERVICES, RTT_STANDARD_DAYS, WAITS_PERIOD_DAYS } from '@hub/schema';

/** SQL over referrals (alias `f`): 0 not waiting on the date, 1 waiting up to 18 weeks, 2 over. */
const WAIT_STATE_SQL = `CASE WHEN f.referred_on <= ${AS_AT} AND (f.first_treatment_on IS NULL OR f.first_treatment_on > ${AS_AT})
  THEN CASE WHEN ${AS_AT} - f.referred_on > ${RTT_STANDARD_DAYS} THEN 2 ELSE 1 END ELSE 0 END`;

/** SQL aggregate over referrals: the wait-state digits, one per health service, in HEALTH_SERVICES order. */
const WAIT_STATES_AGG_SQL = `concat(${HEALTH_SERVICES.map((s) => `coalesce(max(CASE WHEN f.service = '${s}' THEN ${WAIT_STATE_SQL} END), 0)`).join(', ')})`;

/** SQL aggregate over referrals: completed pathways (first treatment in the year to the date) as `SERVICE:days;…`. */
const COMPLETED_WAITS_AGG_SQL = `coalesce(string_agg(CASE WHEN f.first_treatment_on <= ${AS_AT} AND f.first_treatment_on > ${AS_AT} - ${WAITS_PERIOD_DAYS}
  THEN f.service || ':' || (f.first_treatment_on - f.referred_on) END, ';' ORDER BY f.service, f.id), '')`;

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

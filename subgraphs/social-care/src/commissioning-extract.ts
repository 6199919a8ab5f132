// Social care's pseudonymised commissioning extract (packages/agency-kit/src/commissioning): one statement, one
// line per child on the social care record, with the fields asked for.
import { OPEN_SERVICE_USES_SQL, openOn, type AgencyExtract } from '@hub/agency-kit/commissioning/extract';

// A record a source system stopped sending is closed (closed_at), not deleted: it is not open.
const open = (table: string) =>
  `EXISTS (SELECT 1 FROM ${table} t WHERE t.child_id = r.child_id AND ${openOn('t')} AND t.closed_at IS NULL)`;

export const COMMISSIONING_EXTRACT: AgencyExtract<'social-care'> = {
  agency: 'social-care',
  from: 'social_care_record r',
  columns: {
    la: { select: 'r.la_code' },
    socialCareStatus: {
      select: `CASE WHEN ${open('cla_period')} THEN 'CLA' WHEN ${open('cp_plan')} THEN 'CP' WHEN ${open('cin_episode')} THEN 'CIN' ELSE 'KNOWN_NOT_OPEN' END`,
    },
    services: { select: `coalesce(u.ids, '')`, joins: [`LEFT JOIN ${OPEN_SERVICE_USES_SQL} u ON u.child_id = r.child_id`] },
  },
};

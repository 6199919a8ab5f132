// The SEN2 return of the caller's LA: the source rows (all SQL here), the pure builder and rules
// from @hub/schema, and each child's record carrying the child's signed access context so the
// guard decides, and audits, every child's personal part on its own.
import { badInput } from '@hub/guard/errors';
import { type Db } from '@hub/runtime/db';
import {
  buildSen2Return,
  SEN2_RULES,
  sen2CensusDateProblem,
  sen2ChildXml,
  sen2XmlEnvelope,
  type SenType,
  type Sen2SourceChild,
} from '@hub/schema';
import { coordinatorLa } from '../assessments/access';
import { checkDate } from '../assessments/validate';
import { MADE_ON_SQL } from '../plans/repository';
import { childContexts } from '../child-contexts';
import type { Resolvers } from '../generated/graphql';

// Every child of the LA with an assessment or a plan, whole, in one statement. Records a source
// system no longer sends (closed_at) are not in the return; a fed assessment's exception flag is what
// the source's return said (twenty_week_exception), a recorded one's is whether an exception was recorded.
const SOURCE_SQL = `
SELECT r.child_id AS "childId", r.upn, r.uln, r.family_name AS surname, r.given_name AS forename, r.date_of_birth AS "dateOfBirth",
  r.postcode_district AS "postcodeDistrict",
  (SELECT coalesce(json_agg(json_build_object('rank', n.rank, 'senType', n.sen_type) ORDER BY n.rank), '[]') FROM sen_need n WHERE n.child_id = r.child_id AND n.closed_at IS NULL) AS needs,
  (SELECT coalesce(json_agg(json_build_object('urn', p.urn, 'settingCode', p.setting_code, 'placementType', p.placement_type,
      'startDate', p.start_date, 'endDate', p.end_date) ORDER BY p.start_date, p.id), '[]') FROM placement p WHERE p.child_id = r.child_id AND p.closed_at IS NULL) AS placements,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'requestReceivedOn', a.request_received_on, 'decision', a.decision, 'decidedOn', a.decided_on,
      'withdrawnOn', a.withdrawn_on, 'finalIssuedOn', a.final_issued_on, 'notIssuedNoticeOn', a.not_issued_notice_on,
      'hadException', coalesce(a.twenty_week_exception, EXISTS (SELECT 1 FROM assessment_exception x WHERE x.assessment_id = a.id))) ORDER BY a.request_received_on), '[]')
    FROM needs_assessment a WHERE a.child_id = r.child_id AND a.la_code = r.la_code AND a.closed_at IS NULL) AS assessments,
  (SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'madeOn', ${MADE_ON_SQL}, 'status', e.status, 'ceasedOn', e.ceased_on,
      'ceaseReason', e.cease_reason) ORDER BY e.id), '[]') FROM ehc_plan e WHERE e.child_id = r.child_id AND e.closed_at IS NULL) AS plans
FROM education_record r
WHERE r.la_code = $1 AND (EXISTS (SELECT 1 FROM needs_assessment a WHERE a.child_id = r.child_id) OR EXISTS (SELECT 1 FROM ehc_plan e WHERE e.child_id = r.child_id))`;

/** Its needs are sen_need's, whose CHECK admits only SEN types. */
export async function sen2Source(db: Db, laCode: string): Promise<Sen2SourceChild<SenType>[]> {
  return db.query<Sen2SourceChild<SenType>>(SOURCE_SQL, [laCode]);
}

/**
 * Who may build the return (declared on sen2Return): an EHC coordinator of the LA (each child's
 * record then needs their need-to-know), or the LA's own education system (integration, agency
 * EDUCATION, an LA org), which reads its own agency's records for every child: how the whole
 * statutory return is produced.
 */
export const sen2Resolvers: Resolvers = {
  Query: {
    sen2Return: async (_, args, ctx) => {
      const la = coordinatorLa(ctx);
      const censusDate = checkDate('censusDate', args.censusDate, '9999-12-31');
      const problem = sen2CensusDateProblem(censusDate);
      if (problem) throw badInput('censusDate', problem);
      const r = buildSen2Return(la, censusDate, await sen2Source(ctx.db, la));
      const contexts = await childContexts(
        ctx,
        r.children.map((c) => c.childId),
      );
      const { header, footer } = sen2XmlEnvelope(r);
      const issuesOf = (childId: string) =>
        r.issues.filter((i) => i.childId === childId).map(({ rule, severity, message }) => ({ rule, severity, message }));
      return {
        ...r,
        xmlHeader: header,
        xmlFooter: footer,
        // Which children break a rule is about those children: the hits are counted here and
        // listed only in each child's guarded record.
        ruleCounts: Object.entries(SEN2_RULES).map(([rule, d]) => ({
          rule,
          severity: d.severity,
          message: d.message,
          count: r.issues.filter((i) => i.rule === rule).length,
        })),
        // A child governance cannot vouch for carries no context: the guard then withholds its record.
        records: r.children.map((c) => ({
          ...c,
          issues: issuesOf(c.childId),
          child: { id: c.childId, accessContext: contexts.get(c.childId) ?? null },
          xml: sen2ChildXml(c),
        })),
      };
    },
  },
};

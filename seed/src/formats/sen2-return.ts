// Writes the synthetic population's education part as an LA's SEN2 return (XML), what an LA's SEN
// case system sends each January: the children of that LA as the return's source, through the hub's
// own builder and XML writer (schema/src/sen2-return.ts), so the file is exactly what `npm run sen2`
// would write for the same records. Tests check it with their own reader, not this code.
import { buildSen2Return, sen2ChildXml, sen2XmlEnvelope, type Sen2Return, type Sen2SourceChild } from '@hub/schema';
import type { PopulationChild } from '../model';

export interface Sen2ReturnOptions {
  /** The three-digit LA code for Header/Source/LEA; only children of that LA are written. */
  lea: string;
  /** The census date (third Thursday of January); the reference period is the year before. */
  censusDate: string;
}

/** A child's education records as the SEN2 builder reads them from the hub's tables. */
export function sen2SourceOf(c: PopulationChild): Sen2SourceChild | null {
  const e = c.education;
  if (!e) return null;
  return {
    childId: c.id,
    upn: c.upn,
    uln: e.uln,
    surname: c.familyName,
    forename: c.givenName,
    dateOfBirth: c.dateOfBirth,
    postcodeDistrict: c.postcodeDistrict,
    needs: e.needs.slice(0, 2).map((senType, i) => ({ rank: i + 1, senType })),
    placements: e.placements.map(({ urn, settingCode, placementType, startDate, endDate }) => ({
      urn,
      settingCode,
      placementType,
      startDate,
      endDate,
    })),
    assessments: (e.assessments ?? []).map((a) => ({
      id: a.id,
      requestReceivedOn: a.requestReceivedOn,
      decision: a.decision,
      decidedOn: a.decidedOn,
      withdrawnOn: a.withdrawnOn,
      finalIssuedOn: a.finalIssuedOn,
      notIssuedNoticeOn: a.notIssuedNoticeOn,
      hadException: a.exceptions.length > 0,
    })),
    plans: e.plan
      ? [
          {
            id: `${c.id}/plan`,
            madeOn: e.plan.status === 'DRAFT' ? null : e.plan.issuedOn,
            status: e.plan.status,
            ceasedOn: e.plan.status === 'CEASED' ? (e.plan.ceasedOn ?? null) : null,
            ceaseReason: e.plan.ceaseReason,
          },
        ]
      : [],
  };
}

/** The return (data items and rule hits) and its XML text, for one LA's children. */
export function sen2Return(children: Iterable<PopulationChild>, opts: Sen2ReturnOptions): { ret: Sen2Return; xml: string } {
  const sources: Sen2SourceChild[] = [];
  for (const c of children) {
    const s = c.laCode === opts.lea ? sen2SourceOf(c) : null;
    if (s) sources.push(s);
  }
  const ret = buildSen2Return(opts.lea, opts.censusDate, sources);
  const { header, footer } = sen2XmlEnvelope(ret);
  return { ret, xml: header + ret.children.map(sen2ChildXml).join('') + footer };
}

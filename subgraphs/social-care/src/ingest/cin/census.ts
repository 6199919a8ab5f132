// Reads a DfE CIN census XML document (Message/Header, Message/Children/Child) into plain records,
// values kept as the text the file gave: nothing is checked here (rules.ts does that, before anything
// is written). Elements are matched by name; an element the hub does not map is ignored.
import { parseXmlReturn, xmlList as list, xmlObj as obj, xmlPick as pick, xmlText as text } from '@hub/ingest/xml';

/** Elements that may repeat: always read as lists, so one child and many read the same way. */
const REPEATING = ['Child', 'CINdetails', 'Disability', 'ChildProtectionPlan'];

export interface RawPlan {
  CPPstartDate: string | null;
  CPPendDate: string | null;
  InitialCategoryOfAbuse: string | null;
  LatestCategoryOfAbuse: string | null;
  NumberOfPreviousCPP: string | null;
}

export interface RawEpisode {
  CINreferralDate: string | null;
  ReferralSource: string | null;
  PrimaryNeedCode: string | null;
  CINclosureDate: string | null;
  ReasonForClosure: string | null;
  DateOfInitialCPC: string | null;
  ReferralNFA: string | null;
  plans: RawPlan[];
}

export interface RawChild {
  LAchildID: string | null;
  UPN: string | null;
  FormerUPN: string | null;
  UPNunknown: string | null;
  PersonBirthDate: string | null;
  ExpectedPersonBirthDate: string | null;
  GenderCurrent: string | null;
  PersonDeathDate: string | null;
  disabilities: string[];
  episodes: RawEpisode[];
}

export interface RawCensus {
  lea: string | null;
  referenceDate: string | null;
  serialNo: string | null;
  sourceDateTime: string | null;
  children: RawChild[];
}

const CHILD_FIELDS = [
  'LAchildID',
  'UPN',
  'FormerUPN',
  'UPNunknown',
  'PersonBirthDate',
  'ExpectedPersonBirthDate',
  'GenderCurrent',
  'PersonDeathDate',
] as const;
const EPISODE_FIELDS = [
  'CINreferralDate',
  'ReferralSource',
  'PrimaryNeedCode',
  'CINclosureDate',
  'ReasonForClosure',
  'DateOfInitialCPC',
  'ReferralNFA',
] as const;
const PLAN_FIELDS = ['CPPstartDate', 'CPPendDate', 'InitialCategoryOfAbuse', 'LatestCategoryOfAbuse', 'NumberOfPreviousCPP'] as const;

/** The document as records, or the reason it is not a CIN census message at all (no values in it). */
export function readCensus(xml: string): { census: RawCensus } | { problem: string } {
  const parsed = parseXmlReturn(xml, REPEATING);
  if ('problem' in parsed) return parsed;
  const doc = parsed.doc;
  const message = obj(obj(doc).Message);
  if (!obj(doc).Message) return { problem: 'must have a Message root element' };
  const header = obj(message.Header);
  const source = obj(header.Source);
  const collection = obj(header.Collection);
  const children = list(obj(message.Children).Child).map((c): RawChild => {
    const child = obj(c);
    return {
      ...pick(child.ChildIdentifiers, CHILD_FIELDS),
      disabilities: list(obj(obj(child.ChildCharacteristics).Disabilities).Disability).map((d) => text(d) ?? ''),
      episodes: list(child.CINdetails).map((e) => ({
        ...pick(e, EPISODE_FIELDS),
        plans: list(obj(obj(e).ChildProtectionPlans).ChildProtectionPlan).map((p) => pick(p, PLAN_FIELDS)),
      })),
    };
  });
  return {
    census: {
      lea: text(source.LEA),
      referenceDate: text(collection.ReferenceDate),
      serialNo: text(source.SerialNo),
      sourceDateTime: text(source.DateTime),
      children,
    },
  };
}

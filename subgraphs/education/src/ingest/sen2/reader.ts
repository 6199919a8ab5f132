// Reads an SEN2 return (Message/Header, Message/Persons/Person: the structure `npm run sen2` writes,
// schema/src/sen2-return.ts) into plain records, values kept as the text the file gave: nothing is
// checked here (rules.ts does that, before anything is written). An element the hub does not map is ignored.
import { parseXmlReturn, xmlList as list, xmlObj as obj, xmlPick as pick, xmlText as text } from '@hub/ingest/xml';

const REPEATING = ['Person', 'Requests', 'NamedPlan', 'SENneed', 'Placement'];

const PERSON = ['Surname', 'Forename', 'PersonBirthDate', 'UPN', 'UniqueLearnerNumber', 'PostcodeDistrict'] as const;
const REQUEST = ['ReceivedDate', 'RequestOutcome', 'RequestOutcomeDate'] as const;
const ASSESSMENT = ['AssessmentOutcome', 'AssessmentOutcomeDate', 'TwentyWeekTimeExcp'] as const;
const NAMED = ['StartDate', 'CeaseDate', 'CeaseReason'] as const;
const NEED = ['SENtype', 'SENtypeRank'] as const;
const PLACEMENT = ['URN', 'SENsetting', 'PlacementType', 'PlacementRank', 'EntryDate'] as const;

type Fields<K extends readonly string[]> = Record<K[number], string | null>;
export type RawRequest = Fields<typeof REQUEST> & { assessment: Fields<typeof ASSESSMENT> | null };
export type RawNamedPlan = Fields<typeof NAMED>;
export interface RawActivePlan {
  StartDate: string | null;
  needs: Fields<typeof NEED>[];
  placements: Fields<typeof PLACEMENT>[];
}
export type RawPerson = Fields<typeof PERSON> & {
  requests: RawRequest[];
  namedPlans: RawNamedPlan[];
  activePlan: RawActivePlan | null;
  activePlans: number;
};

export interface RawSen2 {
  lea: string | null;
  referenceDate: string | null;
  collection: string | null;
  persons: RawPerson[];
}

/** The document as records, or the reason it is not an SEN2 message at all (no values in it). */
export function readSen2(xml: string): { sen2: RawSen2 } | { problem: string } {
  const parsed = parseXmlReturn(xml, REPEATING);
  if ('problem' in parsed) return parsed;
  const message = obj(obj(parsed.doc).Message);
  if (!obj(parsed.doc).Message) return { problem: 'must have a Message root element' };
  const header = obj(message.Header);
  const details = obj(header.CollectionDetails);
  const persons = list(obj(message.Persons).Person).map((p): RawPerson => {
    const person = obj(p);
    const actives = list(person.ActivePlans);
    const a = actives.length ? obj(actives[0]) : null;
    return {
      ...pick(person, PERSON),
      requests: list(person.Requests).map((r) => ({
        ...pick(r, REQUEST),
        assessment: obj(r).Assessment ? pick(obj(r).Assessment, ASSESSMENT) : null,
      })),
      namedPlans: list(person.NamedPlan).map((n) => pick(n, NAMED)),
      activePlan: a
        ? {
            StartDate: text(a.StartDate),
            needs: list(a.SENneed).map((n) => pick(n, NEED)),
            placements: list(a.Placement).map((x) => pick(x, PLACEMENT)),
          }
        : null,
      activePlans: actives.length,
    };
  });
  return {
    sen2: { lea: text(obj(header.Source).LEA), referenceDate: text(details.ReferenceDate), collection: text(details.Collection), persons },
  };
}

// Reads a Common Transfer File (CTfile/Header, CTfile/CTFpupilData/Pupil) into plain records, values
// kept as the text the file gave: nothing is checked here (rules.ts does that, before anything is
// written). Only what the hub maps is read: the pupil's identity for the child index and a new
// education record, and the SEN history (SENhistory/SEN: StartDate, SENprovision, ranked SENneeds),
// the same SEN entries the school census carries. Everything else in a CTF is read past.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Elements that may repeat: always lists, so one pupil and many read alike. */
const REPEATING = new Set(['Pupil', 'SEN', 'SENneed']);
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => REPEATING.has(name),
});

export interface RawSen {
  StartDate: string | null;
  SENprovision: string | null;
  needs: { SENtypeRank: string | null; SENtype: string | null }[];
}
export interface RawPupil {
  UPN: string | null;
  Surname: string | null;
  Forename: string | null;
  DOB: string | null;
  PostCode: string | null;
  sen: RawSen[];
}
export interface RawCtf {
  lea: string | null;
  estab: string | null;
  dateTime: string | null;
  pupils: RawPupil[];
}

const obj = (n: unknown): Record<string, unknown> =>
  n && typeof n === 'object' && !Array.isArray(n) ? (n as Record<string, unknown>) : {};
const list = (n: unknown): unknown[] => (Array.isArray(n) ? n : n === undefined || n === '' ? [] : [n]);
const text = (n: unknown): string | null => (typeof n === 'string' && n.length ? n : null);

export function readCtf(xml: string): { ctf: RawCtf } | { problem: string } {
  const ok = XMLValidator.validate(xml);
  if (ok !== true) return { problem: `is not well-formed XML (line ${ok.err.line})` };
  const doc = obj(parser.parse(xml));
  if (!doc.CTfile) return { problem: 'must have a CTfile root element' };
  const file = obj(doc.CTfile);
  const source = obj(obj(file.Header).SourceSchool);
  const pupils = list(obj(file.CTFpupilData).Pupil).map((p): RawPupil => {
    const pupil = obj(p);
    // CTF puts the post code in a BS7666 address or in address lines; either is read.
    const address = obj(pupil.Address);
    const postCode = text(obj(address.BS7666Address).PostCode) ?? text(obj(address.AddressLines).PostCode) ?? text(address.PostCode);
    return {
      UPN: text(pupil.UPN),
      Surname: text(pupil.Surname),
      Forename: text(pupil.Forename),
      DOB: text(pupil.DOB),
      PostCode: postCode,
      sen: list(obj(pupil.SENhistory).SEN).map((s) => ({
        StartDate: text(obj(s).StartDate),
        SENprovision: text(obj(s).SENprovision),
        needs: list(obj(obj(s).SENneeds).SENneed).map((n) => ({ SENtypeRank: text(obj(n).SENtypeRank), SENtype: text(obj(n).SENtype) })),
      })),
    };
  });
  return { ctf: { lea: text(source.LEA), estab: text(source.Estab), dateTime: text(obj(file.Header).DateTime), pupils } };
}

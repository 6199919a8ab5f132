// Writes the synthetic population's SEN support pupils as a Common Transfer File, what a school's
// MIS sends: a Pupil per child with a UPN on SEN support, with names, date of birth, a post code in
// the child's district and one SEN entry (provision K, the child's first two needs ranked), starting
// when the child's current placement did.
import type { PopulationChild } from '../model';

export interface CtfOptions {
  /** Header/SourceSchool/LEA; only children of that LA are written. */
  lea: string;
  estab?: string;
  dateTime?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SEN support pupils a CTF can carry: a UPN, needs, and in the LA. */
export function fitsCtf(c: PopulationChild, lea: string): boolean {
  return c.laCode === lea && !!c.upn && c.education?.senStatus === 'SEN_SUPPORT' && c.education.needs.length > 0;
}

/** When the pupil's SEN support started, as the CTF says it: the current placement's start, else 1 September 2024. */
export function ctfSupportStart(c: PopulationChild): string {
  const open = c.education!.placements.find((p) => p.endDate === null);
  return open?.startDate ?? '2024-09-01';
}

export function commonTransferFile(children: Iterable<PopulationChild>, opts: CtfOptions): string {
  const pupils: string[] = [];
  for (const c of children) {
    if (!fitsCtf(c, opts.lea)) continue;
    const needs = c
      .education!.needs.slice(0, 2)
      .map((t, k) => `<SENneed><SENtypeRank>${k + 1}</SENtypeRank><SENtype>${t}</SENtype></SENneed>`)
      .join('');
    pupils.push(
      `<Pupil><UPN>${c.upn}</UPN><Surname>${esc(c.familyName)}</Surname><Forename>${esc(c.givenName)}</Forename><DOB>${c.dateOfBirth}</DOB>` +
        `<Address><BS7666Address><PostCode>${c.postcodeDistrict} 1AA</PostCode></BS7666Address></Address>` +
        `<SENhistory><SEN><StartDate>${ctfSupportStart(c)}</StartDate><SENprovision>K</SENprovision><SENneeds>${needs}</SENneeds></SEN></SENhistory></Pupil>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>${opts.dateTime ?? '2026-07-20T10:00:00'}</DateTime>` +
    `<DocumentQualifier>full</DocumentQualifier><SupplierID>send-hub-synthetic</SupplierID><SourceSchool><LEA>${opts.lea}</LEA><Estab>${opts.estab ?? '2001'}</Estab></SourceSchool></Header>\n` +
    `<CTFpupilData>\n${pupils.join('\n')}\n</CTFpupilData></CTfile>\n`
  );
}

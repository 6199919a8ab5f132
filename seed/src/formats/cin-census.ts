// Writes the synthetic population's social care part as a DfE CIN census return (XML), what an LA's
// children's social care case management system sends: a Child per child known to social care, its
// identifiers (LA child id, UPN where known, date of birth), disabilities, and a CINdetails per
// children-in-need episode holding the child protection plans that started within it.
import { addDays } from '@hub/schema';
import type { PopulationChild } from '../model';

export interface CinCensusOptions {
  /** The three-digit LA code for Header/Source/LEA; only children of that LA are written. */
  lea: string;
  /** Header/Collection/ReferenceDate (YYYY-MM-DD): the census date; no referral may start after it. */
  referenceDate: string;
  serialNo?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, value: string | null | undefined) => (value == null ? '' : `<${name}>${esc(value)}</${name}>`);

/**
 * Children this return can carry whole: every CP plan starts within one of the child's CIN episodes,
 * and no referral is more than 40 weeks before birth (DfE rule 8606).
 */
export function fitsCinCensus(c: PopulationChild): boolean {
  const s = c.socialCare;
  const earliest = addDays(c.dateOfBirth, -280);
  return (
    !!s &&
    s.cin.length > 0 &&
    s.cin.every((e) => e.startDate >= earliest) &&
    s.cp.every((p) => s.cin.some((e) => p.startDate >= e.startDate && (e.endDate === null || p.startDate <= e.endDate)))
  );
}

export function cinCensus(children: Iterable<PopulationChild>, opts: CinCensusOptions): string {
  const out: string[] = [];
  for (const c of children) {
    const s = c.socialCare;
    if (!s || c.laCode !== opts.lea || !fitsCinCensus(c)) continue;
    const episodes = s.cin.map((e) => {
      const plans = s.cp.filter((p) => p.startDate >= e.startDate && (e.endDate === null || p.startDate <= e.endDate));
      return `<CINdetails>${el('CINreferralDate', e.startDate)}${el('ReferralSource', '1A')}${el('PrimaryNeedCode', e.primaryNeed)}${el('CINclosureDate', e.endDate)}${e.endDate ? el('ReasonForClosure', 'RC8') : ''}${el('ReferralNFA', 'false')}${
        plans.length
          ? `<ChildProtectionPlans>${plans.map((p) => `<ChildProtectionPlan>${el('CPPstartDate', p.startDate)}${el('CPPendDate', p.endDate)}${el('InitialCategoryOfAbuse', p.category)}${el('LatestCategoryOfAbuse', p.category)}${el('NumberOfPreviousCPP', '0')}</ChildProtectionPlan>`).join('')}</ChildProtectionPlans>`
          : ''
      }</CINdetails>`;
    });
    out.push(
      `<Child><ChildIdentifiers>${el('LAchildID', s.laChildId)}${el('UPN', c.upn)}${c.upn ? '' : el('UPNunknown', 'UN1')}${el('PersonBirthDate', c.dateOfBirth)}</ChildIdentifiers>` +
        `<ChildCharacteristics><Disabilities>${s.disabilities.map((d) => el('Disability', d)).join('')}</Disabilities></ChildCharacteristics>${episodes.join('')}</Child>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><Collection><CollectionName>CIN</CollectionName><Year>${opts.referenceDate.slice(0, 4)}</Year><ReferenceDate>${opts.referenceDate}</ReferenceDate></Collection>` +
    `<Source><SourceLevel>L</SourceLevel><LEA>${opts.lea}</LEA><SoftwareCode>send-hub-synthetic</SoftwareCode><Release>1</Release><SerialNo>${esc(opts.serialNo ?? '001')}</SerialNo></Source></Header>\n<Children>\n${out.join('\n')}\n</Children></Message>\n`
  );
}

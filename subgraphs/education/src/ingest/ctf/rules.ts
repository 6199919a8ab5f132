// The checks a CTF's SEN entries get before anything is written. The UPN check letter is the DfE's
// common basic data rule 1510 (as the CIN census names it); the rest are the hub's own (CTF-*), for
// what the CTF schema requires and the hub's SEN support model needs. Every problem names the
// pupil's position and the field, never the value (UPNs, names and dates are personal data).
import { IssueList } from '@hub/ingest/issues';
import {
  isoDateProblem,
  laCodeProblem,
  normaliseUpn,
  SEN_SUPPORT_TYPES,
  upnCheckLetter,
  upnProblem,
  type SenStatus,
  type SenSupportType,
} from '@hub/schema';
import type { RawCtf, RawPupil } from './read';

/** School census / CTF SEN provision: N no special educational provision, K SEN support, E EHC plan. */
const PROVISION: Record<string, SenStatus> = { N: 'NONE', K: 'SEN_SUPPORT', E: 'EHC_PLAN' };
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?\d[A-Z]{2}$/;
const RT = 'Pupil';

export interface SupportIn {
  sourceId: string;
  startOn: string;
  endOn: string | null;
  needs: SenSupportType[];
}
export interface PupilIn {
  record: number;
  upn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcodeDistrict: string;
  /** What the latest SEN entry says now. */
  status: SenStatus;
  support: SupportIn[];
}
export interface CheckedCtf {
  submissionId: string;
  laCode: string;
  pupils: PupilIn[];
  skipped: number;
  issues: IssueList;
}

function checkPupil(p: RawPupil, i: number, issues: IssueList): PupilIn | null {
  let ok = true;
  const err = (field: string, code: string, message: string) => {
    issues.error(i, RT, field, code, message);
    ok = false;
  };
  let upn = '';
  if (!p.UPN) err('UPN', 'CTF-UPN', 'UPN missing');
  else {
    upn = normaliseUpn(p.UPN);
    const problem = upnProblem(upn);
    if (problem && /^[A-Z]\d{11}[A-Z0-9]$/.test(upn) && upnCheckLetter(upn.slice(1)) !== upn[0])
      err('UPN', '1510', 'UPN invalid (wrong check letter at character 1)');
    else if (problem) err('UPN', 'CTF-UPN', `UPN invalid: ${problem}`);
  }
  if (!p.Surname || !p.Forename) err(p.Surname ? 'Forename' : 'Surname', 'CTF-NAME', 'a pupil has a surname and a forename');
  if (!p.DOB || isoDateProblem(p.DOB)) err('DOB', 'CTF-DATE', 'DOB must be a date, YYYY-MM-DD');
  const postcode = p.PostCode ? POSTCODE.exec(p.PostCode.toUpperCase().replace(/\s+/g, ' ')) : null;
  if (!postcode) err('Address.PostCode', 'CTF-POSTCODE', "a UK post code is needed (its district is the education record's area)");

  const entries = p.sen.map((s, k) => {
    const at = (f: string) => `SENhistory.SEN[${k}].${f}`;
    if (!s.StartDate || isoDateProblem(s.StartDate)) err(at('StartDate'), 'CTF-DATE', 'StartDate must be a date, YYYY-MM-DD');
    if (!s.SENprovision || !(s.SENprovision in PROVISION)) err(at('SENprovision'), 'CTF-SEN-PROVISION', 'SENprovision must be N, K or E');
    const needs: SenSupportType[] = [];
    if (s.SENprovision === 'K') {
      const ranked = [...s.needs].sort((a, b) => Number(a.SENtypeRank) - Number(b.SENtypeRank));
      if (ranked.length < 1 || ranked.length > 2) err(at('SENneeds'), 'CTF-SEN-NEED', 'SEN support ranks one or two SEN types');
      ranked.forEach((n, r) => {
        if (n.SENtypeRank !== String(r + 1))
          err(at(`SENneeds.SENneed[${r}].SENtypeRank`), 'CTF-SEN-RANK', 'SENtypeRank is 1, then 2, once each');
        if (!n.SENtype || !(SEN_SUPPORT_TYPES as readonly string[]).includes(n.SENtype))
          err(at(`SENneeds.SENneed[${r}].SENtype`), 'CTF-SEN-TYPE', 'SENtype must be a school census SEN type');
        else needs.push(n.SENtype as SenSupportType);
      });
      if (needs.length === 2 && (needs[0] === needs[1] || needs.includes('NSA')))
        err(at('SENneeds'), 'CTF-SEN-NSA', 'two different types, and NSA (no specialist assessment) only alone');
    }
    return { start: s.StartDate ?? '', provision: s.SENprovision ?? '', needs };
  });
  const starts = entries.map((e) => e.start).sort();
  if (starts.some((s, k) => k > 0 && s === starts[k - 1])) err('SENhistory', 'CTF-SEN-DUPLICATE', 'two SEN entries start on the same day');
  if (!ok) return null;
  // Each SEN support entry runs until the next entry starts (a change of need or provision), or is current.
  const sorted = [...entries].sort((a, b) => a.start.localeCompare(b.start));
  const support = sorted.flatMap((e, k) =>
    e.provision === 'K'
      ? [{ sourceId: `${upn}/sen-support/${e.start}`, startOn: e.start, endOn: sorted[k + 1]?.start ?? null, needs: e.needs }]
      : [],
  );
  return {
    record: i,
    upn,
    givenName: p.Forename!,
    familyName: p.Surname!,
    dateOfBirth: p.DOB!,
    postcodeDistrict: postcode![1],
    status: sorted.length ? PROVISION[sorted[sorted.length - 1].provision] : 'NONE',
    support,
  };
}

export function checkCtf(raw: RawCtf): CheckedCtf {
  const issues = new IssueList();
  const out: CheckedCtf = { submissionId: '', laCode: '', pupils: [], skipped: 0, issues };
  if (!raw.lea || laCodeProblem(raw.lea))
    issues.error(null, 'Header', 'SourceSchool.LEA', 'CTF-LEA', "the source school's LA code must be 3 digits");
  else out.laCode = raw.lea;
  out.submissionId = `CTF-${out.laCode || 'unknown'}${raw.estab && /^\d{4}$/.test(raw.estab) ? raw.estab : ''}-${raw.dateTime && /^[\dT:.-]{10,25}$/.test(raw.dateTime) ? raw.dateTime : 'undated'}`;
  if (!raw.pupils.length) issues.error(null, 'CTFpupilData', 'Pupil', 'CTF-EMPTY', 'must hold at least one Pupil');
  const seen = new Map<string, number>();
  raw.pupils.forEach((p, i) => {
    if (p.UPN) {
      const u = normaliseUpn(p.UPN);
      if (seen.has(u)) issues.error(i, RT, 'UPN', 'CTF-UPN-DUPLICATE', `the same UPN as Pupil ${seen.get(u)}; never merged`);
      else seen.set(u, i);
    }
    // A pupil with no SEN history has nothing for the hub: read past, counted.
    if (!p.sen.length) {
      out.skipped++;
      return;
    }
    const pupil = checkPupil(p, i, issues);
    if (pupil) out.pupils.push(pupil);
  });
  return out;
}

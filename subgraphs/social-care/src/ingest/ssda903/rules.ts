// The SSDA903 (children looked after) validation the hub applies before anything is written: the
// DfE 903 rules it ports, each under its DfE number, plus the hub's own checks (903-*) for what the
// hub's model needs. Every problem names the file (Header or Episodes), the row and the column,
// never the value. DfE "query" rules and their like are warnings: reported, never blocking.
import { IssueList } from '@hub/ingest/issues';
import {
  ageOn,
  CIN_PRIMARY_NEEDS,
  isoDateProblem,
  normaliseUpn,
  SSDA903_ETHNICITY,
  SSDA903_LEGAL_STATUS,
  SSDA903_PLACEMENT,
  SSDA903_REASON_CEASED,
  SSDA903_REASON_NEW_EPISODE,
  SSDA903_REASON_PLACE_CHANGE,
  SSDA903_SEX,
  upnProblem,
} from '@hub/schema';
import { LA_CHILD_ID } from '../cin/rules';

export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC'] as const;
export const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'DEC', 'REC'] as const;
type Row = Record<string, string | null>;

/** A period of being looked after: the episodes from one that starts a period to the last before a gap. */
export interface ClaPeriodIn {
  sourceId: string;
  startDate: string;
  endDate: string | null;
}
export interface LookedAfterChild {
  record: number;
  laChildId: string;
  upn: string | null;
  periods: ClaPeriodIn[];
  /** The child's episodes in DECOM order, as the rules that span years need them (kept as the return's record of that year). */
  episodes: EpisodeIn[];
}

export interface Checked903 {
  laCode: string;
  children: LookedAfterChild[];
  /** The 31 March that ends the collection year the return reports: the one after its latest date. */
  collectionEnd: string | null;
  issues: IssueList;
}

/** An episode as the cross-year rules compare it (ISO dates). */
export interface EpisodeIn {
  row: number;
  start: string;
  end: string | null;
  rne: string | null;
  ls: string | null;
  cin: string | null;
  place: string | null;
  rec: string | null;
}

/** 903 dates are DD/MM/YYYY; the hub's are ISO. Null when absent, undefined when not a date. */
function date(v: string | null): string | null | undefined {
  if (v === null) return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isoDateProblem(iso) ? undefined : iso;
}

const has = (list: readonly string[], v: string | null) => v !== null && list.includes(v);
/** UPN unknown: UN1-UN5 stand in for a UPN the LA does not have. */
const UPN_UNKNOWN = /^UN[1-5]$/;

/** The 31 March ending the 903 collection year (1 April to 31 March) that holds this ISO date. */
export const collectionYearEnd = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return `${iso.slice(5) >= '04-01' ? year + 1 : year}-03-31`;
};

export function check903(header: Row[], episodes: Row[], laCode: string): Checked903 {
  const issues = new IssueList();
  const H = 'Header';
  const E = 'Episodes';
  const dob = new Map<string, string>();
  const headerRow = new Map<string, number>();
  const upns = new Map<string, string | null>();
  const seenUpn = new Map<string, number>();

  header.forEach((r, i) => {
    const child = r.CHILD;
    if (!child || !LA_CHILD_ID.test(child))
      issues.error(i, H, 'CHILD', '903-CHILD', child ? 'must be 1-10 letters, digits, _ - or /' : 'is missing');
    else if (headerRow.has(child))
      issues.error(i, H, 'CHILD', '903-DUPLICATE-CHILD', `the same child id as Header row ${headerRow.get(child)}`);
    else headerRow.set(child, i);
    if (!has(SSDA903_SEX, r.SEX)) issues.error(i, H, 'SEX', '101', 'Gender code is not valid.');
    const d = date(r.DOB);
    if (!d) issues.error(i, H, 'DOB', '102', 'Date of birth is not a valid date.');
    else if (child) dob.set(child, d);
    if (!has(SSDA903_ETHNICITY, r.ETHNIC))
      issues.error(i, H, 'ETHNIC', '103', 'The ethnicity code is either not valid or has not been entered.');
    let upn: string | null = null;
    if (r.UPN && !UPN_UNKNOWN.test(r.UPN)) {
      const u = normaliseUpn(r.UPN);
      const p = upnProblem(u);
      if (p) issues.error(i, H, 'UPN', '903-UPN', `UPN invalid: ${p} (UN1-UN5 where the UPN is not known)`);
      else if (seenUpn.has(u)) issues.error(i, H, 'UPN', '903-UPN-DUPLICATE', `the same UPN as Header row ${seenUpn.get(u)}; never merged`);
      else {
        seenUpn.set(u, i);
        upn = u;
      }
    }
    if (child) upns.set(child, upn);
  });

  const byChild = new Map<string, EpisodeIn[]>();
  let latest: string | null = null;
  episodes.forEach((r, i) => {
    const child = r.CHILD;
    if (!child || !headerRow.has(child))
      issues.error(i, E, 'CHILD', '903-NO-HEADER', child ? 'has no row in the Header file' : 'is missing');
    const start = date(r.DECOM);
    if (!start) issues.error(i, E, 'DECOM', '141', 'Date episode began is not a valid date.');
    else if (start < '1991-10-14') issues.error(i, E, 'DECOM', '353', 'No episode submitted can start before 14 October 1991.');
    const end = date(r.DEC);
    if (end === undefined) issues.error(i, E, 'DEC', '903-DATE', 'Date episode ceased is not a valid date (DD/MM/YYYY)');
    if (start && end && end < start)
      issues.error(i, E, 'DEC', '356', 'The date the episode ceased is before the date the same episode started.');
    if (!has(SSDA903_REASON_NEW_EPISODE, r.RNE)) issues.error(i, E, 'RNE', '143', 'The reason for new episode code is not a valid code.');
    if (!has(SSDA903_LEGAL_STATUS, r.LS)) issues.error(i, E, 'LS', '144', 'The legal status code is not a valid code.');
    else if (start && r.LS === 'D1' && start > '2005-12-31')
      issues.error(i, E, 'LS', '445', 'D1 is not a valid code for episodes starting after December 2005.');
    else if (start && r.LS === 'E1' && start < '2005-12-01')
      issues.error(i, E, 'LS', '446', 'E1 is not a valid code for episodes starting before December 2005.');
    if (
      !has(
        CIN_PRIMARY_NEEDS.filter((n) => n !== 'N0' && n !== 'N9'),
        r.CIN,
      )
    )
      issues.error(i, E, 'CIN', '145', 'Category of need code is not a valid code.');
    if (!has(SSDA903_PLACEMENT, r.PLACE)) issues.error(i, E, 'PLACE', '146', 'Placement type is not a valid code.');
    if (r.REC !== null && !has(SSDA903_REASON_CEASED, r.REC)) issues.error(i, E, 'REC', '149', 'Reason episode ceased code is not valid.');
    if ((r.REC === null) !== (r.DEC === null))
      issues.error(i, E, r.DEC === null ? 'DEC' : 'REC', '903-REC', 'an episode that ceased needs both DEC and REC; an open one neither');
    if (r.REASON_PLACE_CHANGE && !has(SSDA903_REASON_PLACE_CHANGE, r.REASON_PLACE_CHANGE))
      issues.error(i, E, 'REASON_PLACE_CHANGE', '1009', 'Reason for placement change is not a valid code.');
    const born = child ? dob.get(child) : undefined;
    if (start && born && start < born)
      issues.error(i, E, 'DECOM', '903-BEFORE-BIRTH', "the episode starts before the child's date of birth");
    if (start && born && r.RNE === 'S' && ageOn(born, start) >= 18)
      issues.error(i, E, 'DECOM', '352', 'Child who started to be looked after was aged 18 or over.');
    if (child && start && end !== undefined) {
      const list = byChild.get(child) ?? [];
      list.push({ row: i, start, end, rne: r.RNE, ls: r.LS, cin: r.CIN, place: r.PLACE, rec: r.REC });
      for (const d of [start, end]) if (d && (latest === null || d > latest)) latest = d;
      byChild.set(child, list);
    }
  });

  const children: LookedAfterChild[] = [];
  for (const [child, row] of headerRow) {
    const eps = (byChild.get(child) ?? []).sort((a, b) => a.start.localeCompare(b.start));
    if (!eps.length) {
      issues.warning(row, H, 'CHILD', '903-NO-EPISODES', 'no episode in the Episodes file: the child is not written');
      continue;
    }
    const periods: ClaPeriodIn[] = [];
    let ok = true;
    eps.forEach((e, k) => {
      const prev = eps[k - 1];
      if (prev && prev.start === e.start) {
        issues.error(
          e.row,
          E,
          'DECOM',
          '903-DUPLICATE-EPISODE',
          `two episodes of this child start on the same day (also Episodes row ${prev.row})`,
        );
        ok = false;
      } else if (prev && (prev.end === null || e.start < prev.end)) {
        issues.error(e.row, E, 'DECOM', '903-OVERLAP', `a new episode starts before the previous one (Episodes row ${prev.row}) ended`);
        ok = false;
      }
      // An episode that only changes placement within a period keeps the period's category of need.
      if (prev && prev.rec === 'X1' && prev.end === e.start && e.cin !== prev.cin)
        issues.error(
          e.row,
          E,
          'CIN',
          '504',
          'The category of need code differs from that reported at start of current period of being looked after',
        );
      // A period runs on while each episode starts the day the last ceased and is not a new start (S).
      const continues = prev && prev.end === e.start && e.rne !== 'S';
      if (continues) periods[periods.length - 1].endDate = e.end;
      else periods.push({ sourceId: `${laCode}/${child}/cla/${e.start}`, startDate: e.start, endDate: e.end });
    });
    if (ok) children.push({ record: row, laChildId: child, upn: upns.get(child) ?? null, periods, episodes: eps });
  }
  if (!headerRow.size) issues.error(null, H, '', '903-EMPTY', 'must hold at least one child');
  return { laCode, children, collectionEnd: latest === null ? null : collectionYearEnd(latest), issues };
}

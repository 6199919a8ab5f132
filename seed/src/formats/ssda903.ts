// Writes the synthetic population's looked-after periods as an SSDA903 return, what an LA's
// children's social care system sends the DfE: the Header file (one row per child looked after)
// and the Episodes file (one row per episode). A long period is written as two episodes, the second
// a change of placement within the period (RNE P after REC X1), as real extracts are.
import { ageOn } from '@hub/schema';
import type { PopulationChild } from '../model';

export interface Ssda903Options {
  /** Only children of this LA are written; the files carry no LA code, so the caller sends it alongside. */
  la: string;
}

/** DD/MM/YYYY, as every 903 date. */
const d = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const midpoint = (a: string, b: string) => new Date((Date.parse(a) + Date.parse(b)) / 2).toISOString().slice(0, 10);
const ETHNIC = ['WBRI', 'MWBC', 'APKN', 'BAFR', 'WOTH', 'CHNE'];

/** Children this return can carry as the DfE rules allow: looked after in the LA, from birth and before 18 (rule 352). */
export function fitsSsda903(c: PopulationChild, la: string): boolean {
  return (
    !!c.socialCare?.cla.length &&
    c.laCode === la &&
    c.socialCare.cla.every((p) => p.startDate >= c.dateOfBirth && ageOn(c.dateOfBirth, p.startDate) < 18)
  );
}

export function ssda903(children: Iterable<PopulationChild>, opts: Ssda903Options): { header: string; episodes: string } {
  const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  const episodes = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
  let k = 0;
  for (const c of children) {
    if (!fitsSsda903(c, opts.la)) continue;
    const s = c.socialCare!;
    const need = s.cin[0]?.primaryNeed && s.cin[0].primaryNeed !== 'N0' && s.cin[0].primaryNeed !== 'N9' ? s.cin[0].primaryNeed : 'N1';
    header.push([s.laChildId, String(1 + (k % 2)), d(c.dateOfBirth), ETHNIC[k % ETHNIC.length], c.upn ?? 'UN1', '', ''].join(','));
    k++;
    for (const p of [...s.cla].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
      const row = (start: string, rne: string, end: string | null, rec: string, change: string) =>
        episodes.push([s.laChildId, d(start), rne, 'C2', need, 'U1', 'PR1', d(end), end ? rec : '', change, '', '', ''].join(','));
      const split = p.endDate ? Date.parse(p.endDate) - Date.parse(p.startDate) > 200 * 86_400_000 : false;
      if (split) {
        const mid = midpoint(p.startDate, p.endDate!);
        row(p.startDate, 'S', mid, 'X1', '');
        row(mid, 'P', p.endDate, 'E11', 'CARPL');
      } else row(p.startDate, 'S', p.endDate, 'E11', '');
    }
  }
  return { header: header.join('\n') + '\n', episodes: episodes.join('\n') + '\n' };
}

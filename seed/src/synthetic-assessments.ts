// EHC needs assessments for a synthetic population, with national-looking timeliness: about half
// of final plans within 20 weeks, health advice often late, a few exceptions. Deterministic: it
// draws only from the Random it is given.
import { addDays, newlyReceived, type AdviceType, type Agency } from '@hub/schema';
import type { AdviceRequestPart, AdviceVersion, AssessmentPart, PopulationChild } from './model';
import type { Random } from './random';

function version(r: Random, agency: Agency, submittedOn: string, amended = false): AdviceVersion {
  const health = agency === 'HEALTH';
  return {
    submittedOn,
    authorName: r.pick(['A. Okoro', 'B. Lindqvist', 'C. Rahman', 'D. Byrne', 'E. Achebe']),
    authorRole: health ? r.pick(['Community paediatrician', 'Speech and language therapist', 'Occupational therapist']) : 'Social worker',
    adviceDate: submittedOn,
    needs: [health ? 'Needs support with communication and feeding' : 'Family needs support to manage care at home'],
    outcomes: ['Communicates needs and choices with familiar adults'],
    provision: [
      health
        ? {
            section: 'G',
            description: amended ? 'Speech and language therapy, fortnightly' : 'Speech and language therapy programme reviewed termly',
            provider: null,
            hoursPerWeek: 1,
          }
        : { section: 'H1', description: 'Short breaks under s.2 CSDPA 1970', provider: 'LA short breaks service', hoursPerWeek: null },
    ],
  };
}

function request(
  r: Random,
  type: AdviceType,
  agency: Agency,
  organisation: string,
  requestedOn: string,
  meanDays: number,
  today: string,
): AdviceRequestPart {
  const answered = addDays(requestedOn, Math.max(5, Math.round(r.exponential(meanDays))));
  const receivedOn = answered <= today ? answered : null;
  const writes = agency === 'HEALTH' || agency === 'SOCIAL_CARE';
  const versions = writes && receivedOn ? [version(r, agency, receivedOn)] : [];
  if (versions.length && r.chance(0.1)) {
    const later = addDays(receivedOn!, r.int(3, 30));
    if (later <= today) versions.push(version(r, agency, later, true));
  }
  return {
    id: r.uuid(),
    adviceType: type,
    agency,
    organisation,
    requestedOn,
    receivedOn,
    existing: null,
    versions,
    adviceId: writes ? r.uuid() : null,
  };
}

/** The advice requests of an assessment decided on `decidedOn`. */
function adviceFor(r: Random, c: PopulationChild, decidedOn: string, today: string): AdviceRequestPart[] {
  const on = addDays(decidedOn, r.int(0, 5));
  if (on > today) return [];
  const trust = c.postcodeDistrict.startsWith('CB') || c.postcodeDistrict.startsWith('PE') ? 'RGT' : 'RX1';
  const la = `LA${c.laCode}`;
  const list = [request(r, 'EDUCATIONAL_PSYCHOLOGY', 'EDUCATION', la, on, 35, today)];
  if (r.chance(0.1) && c.health) {
    list.push({
      id: r.uuid(),
      adviceType: 'HEALTH',
      agency: 'HEALTH',
      organisation: trust,
      requestedOn: on,
      receivedOn: null,
      existing: { reference: `Health advice given ${addDays(on, -r.int(60, 300))}`, agreedOn: on },
      versions: [],
      adviceId: null,
    });
  } else list.push(request(r, 'HEALTH', 'HEALTH', trust, on, 45, today));
  if (c.socialCare) list.push(request(r, 'SOCIAL_CARE', 'SOCIAL_CARE', la, on, 38, today));
  return list;
}

function exceptions(r: Random, a: AssessmentPart): AssessmentPart['exceptions'] {
  if (!r.chance(0.08)) return [];
  const startOn = addDays(a.requestReceivedOn, r.int(20, 90));
  const kind = r.chance(0.5) ? 'FAMILY_ABSENT' : 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES';
  return [
    {
      id: r.uuid(),
      kind,
      reason: kind === 'FAMILY_ABSENT' ? 'Family away from the area' : 'Serious illness in the family',
      startOn,
      endOn: addDays(startOn, r.int(28, 60)),
      adviceRequestId: null,
    },
  ];
}

/** Assessments for one child as of `today`: the one that led to a plan, or (rarely) one under way. */
export function syntheticAssessments(r: Random, c: PopulationChild, today: string): AssessmentPart[] {
  const e = c.education;
  if (!e) return [];
  if (e.plan && e.plan.status !== 'CEASED') {
    const final = e.plan.issuedOn;
    // About half within 20 weeks: requests 110-230 days before the final plan.
    const request = addDays(final, -r.int(110, 200));
    const decidedOn = addDays(request, r.int(28, 55));
    const a: AssessmentPart = {
      id: r.uuid(),
      ...newlyReceived(request),
      decision: 'Y',
      decidedOn,
      draftIssuedOn: addDays(final, -r.int(15, 40)),
      finalIssuedOn: final,
    };
    a.adviceRequests = adviceFor(r, c, decidedOn, today);
    a.exceptions = exceptions(r, a);
    return [a];
  }
  if (e.senStatus !== 'SEN_SUPPORT' || !r.chance(0.06)) return [];
  const request = addDays(today, -r.int(5, 200));
  const a: AssessmentPart = { id: r.uuid(), ...newlyReceived(request) };
  const decidedOn = addDays(request, r.int(25, 60));
  if (decidedOn > today || r.chance(0.1)) return [a];
  if (r.chance(0.04)) return [{ ...a, withdrawnOn: decidedOn }];
  if (r.chance(0.2)) return [{ ...a, decision: 'N', decidedOn }];
  a.decision = 'Y';
  a.decidedOn = decidedOn;
  a.adviceRequests = adviceFor(r, c, decidedOn, today);
  const decisionPoint = addDays(request, r.int(100, 130));
  if (decisionPoint <= today) {
    if (r.chance(0.15)) a.notIssuedNoticeOn = decisionPoint;
    else a.draftIssuedOn = decisionPoint;
  }
  a.exceptions = exceptions(r, a);
  return [a];
}

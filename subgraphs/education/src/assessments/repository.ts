// All SQL about EHC needs assessments. An assessment is read whole (its exceptions and requests
// for advice as JSON) in one statement for every child of a request.
import { manyByKey } from '@hub/runtime/loaders';
import { type Db } from '@hub/runtime/db';
import type { AdviceType, Agency, AssessmentDecision, ExceptionKind } from '@hub/schema';

export interface ExceptionJson {
  id: string;
  kind: ExceptionKind;
  reason: string;
  startOn: string;
  endOn: string;
  adviceRequestId: string | null;
  recordedBy: string;
}

export interface AdviceRequestJson {
  id: string;
  assessmentId: string;
  childId: string;
  adviceType: AdviceType;
  agency: Agency;
  organisation: string;
  requestedOn: string;
  dueOn: string;
  receivedOn: string | null;
  receivedVersion: number | null;
  existingAdviceReference: string | null;
  agreedOn: string | null;
}

export interface AssessmentRow {
  id: string;
  child_id: string;
  la_code: string;
  request_received_on: string;
  decision: Exclude<AssessmentDecision, 'W'>;
  decided_on: string | null;
  draft_issued_on: string | null;
  final_issued_on: string | null;
  not_issued_notice_on: string | null;
  withdrawn_on: string | null;
  exceptions: ExceptionJson[];
  advice_requests: AdviceRequestJson[];
}

const ADVICE_REQUEST_JSON = `json_build_object('id', r.id, 'assessmentId', r.assessment_id, 'childId', r.child_id,
  'adviceType', r.advice_type, 'agency', r.agency, 'organisation', r.organisation, 'requestedOn', r.requested_on,
  'dueOn', r.due_on, 'receivedOn', r.received_on, 'receivedVersion', r.received_version,
  'existingAdviceReference', r.existing_advice_reference, 'agreedOn', r.agreed_on)`;

const ASSESSMENT_SQL = `
SELECT a.id, a.child_id, a.la_code, a.request_received_on, a.decision, a.decided_on, a.draft_issued_on,
  a.final_issued_on, a.not_issued_notice_on, a.withdrawn_on,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'reason', e.reason, 'startOn', e.start_on,
      'endOn', e.end_on, 'adviceRequestId', e.advice_request_id, 'recordedBy', e.recorded_by) ORDER BY e.start_on, e.id), '[]')
    FROM assessment_exception e WHERE e.assessment_id = a.id) AS exceptions,
  (SELECT coalesce(json_agg(${ADVICE_REQUEST_JSON} ORDER BY r.requested_on, r.id), '[]')
    FROM advice_request r WHERE r.assessment_id = a.id) AS advice_requests
FROM needs_assessment a`;

export function assessmentLoaders(db: Db) {
  return {
    /** A child's assessments, newest request first. */
    assessmentsByChild: manyByKey<AssessmentRow>(
      db,
      `${ASSESSMENT_SQL} WHERE a.child_id = ANY($1::uuid[]) ORDER BY a.request_received_on DESC, a.id`,
      'child_id',
    ),
  };
}

export async function assessmentById(q: Db['query'], id: string): Promise<AssessmentRow | null> {
  return (await q<AssessmentRow>(`${ASSESSMENT_SQL} WHERE a.id = $1`, [id]))[0] ?? null;
}

export async function assessmentsOfLa(db: Db, laCode: string, from: string | null, to: string | null): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(
    `${ASSESSMENT_SQL} WHERE a.la_code = $1 AND ($2::date IS NULL OR a.request_received_on >= $2) AND ($3::date IS NULL OR a.request_received_on <= $3)`,
    [laCode, from, to],
  );
}

export async function adviceRequestById(q: Db['query'], id: string): Promise<AdviceRequestJson | null> {
  return (
    (await q<{ r: AdviceRequestJson }>(`SELECT ${ADVICE_REQUEST_JSON} AS r FROM advice_request r WHERE r.id = $1`, [id]))[0]?.r ?? null
  );
}

export async function educationRecordLa(db: Db, childId: string): Promise<string | null> {
  return (await db.query<{ la_code: string }>('SELECT la_code FROM education_record WHERE child_id = $1', [childId]))[0]?.la_code ?? null;
}

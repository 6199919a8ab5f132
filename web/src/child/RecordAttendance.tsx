// The LA's education professional records a term's attendance, a suspension or a permanent exclusion
// for a child, corrects a term already recorded, or withdraws an exclusion recorded in error or overturned: question page (error summary, inline errors), check your answers, confirmation. The
// rules are schema's (the term a date falls in, the sessions adding up) and the API checks them again;
// a double click or a retry records once (one idempotency key until an answer changes).
import { Navigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import {
  attendanceProblem,
  EXCLUSION_KINDS,
  EXCLUSION_WITHDRAWALS,
  termOf,
  TERMS,
  type ExclusionKind,
  type ExclusionWithdrawal,
  type Term,
} from '@hub/schema/attendance';
import { gql } from '../api/gql';
import { Radios } from '../govuk/Radios';
import { TextInput } from '../govuk/Field';
import { DateInput, emptyDate, isoDate, type DateParts } from '../govuk/DateInput';
import { errorFor, type FieldError } from '../govuk/ErrorSummary';
import { CheckYourAnswers, type Answer } from '../govuk/CheckYourAnswers';
import { useQuestionFlow } from '../govuk/useQuestionFlow';
import { ChildConfirmation } from './ChildConfirmation';
import { ChildQuestionPage } from './ChildQuestionPage';
import { useChildInState } from './useChildInState';
import { longDate } from '../assessment/clock';
import { words } from '../govuk/Tag';
import { usePageTitle } from '../app/usePageTitle';

const RECORD_ATTENDANCE = gql`
  mutation RecordAttendance($input: AttendanceInput!) {
    recordAttendance(input: $input) {
      termStart
      term
    }
  }
`;
const CORRECT_ATTENDANCE = gql`
  mutation CorrectAttendance($input: AttendanceInput!) {
    correctAttendance(input: $input) {
      termStart
      term
    }
  }
`;
const WITHDRAW_EXCLUSION = gql`
  mutation WithdrawExclusion($input: ExclusionWithdrawalInput!) {
    withdrawExclusion(input: $input) {
      kind
      startOn
    }
  }
`;
const RECORD_EXCLUSION = gql`
  mutation RecordExclusion($input: ExclusionInput!) {
    recordExclusion(input: $input) {
      kind
      startOn
    }
  }
`;

type What = 'ATTENDANCE' | 'SUSPENSION' | 'PERMANENT' | 'CORRECTION' | 'WITHDRAWAL';
const WHAT_WORDS: Record<What, string> = {
  ATTENDANCE: "A term's attendance",
  SUSPENSION: 'A suspension',
  PERMANENT: 'A permanent exclusion',
  CORRECTION: "A correction to a term's attendance already recorded",
  WITHDRAWAL: 'The withdrawal of an exclusion recorded in error or overturned',
};
const REASON_WORDS: Record<ExclusionWithdrawal, string> = {
  RECORDED_IN_ERROR: 'It was recorded in error',
  OVERTURNED: 'It was overturned: the pupil was reinstated',
};
const DONE_WORDS: Record<What, string> = {
  ATTENDANCE: 'Attendance recorded',
  SUSPENSION: 'Suspension recorded',
  PERMANENT: 'Permanent exclusion recorded',
  CORRECTION: 'Attendance corrected',
  WITHDRAWAL: 'Exclusion withdrawn',
};
const CONFIRM_WORDS: Record<What, string> = {
  ATTENDANCE: 'Record attendance',
  SUSPENSION: 'Record exclusion',
  PERMANENT: 'Record exclusion',
  CORRECTION: 'Correct attendance',
  WITHDRAWAL: 'Withdraw exclusion',
};
/** A term's figures: recorded new, or replacing the ones recorded for that term. */
const isTerm = (what: What | '') => what === 'ATTENDANCE' || what === 'CORRECTION';
const SESSIONS = [
  ['sessionsPossible', 'Possible sessions'],
  ['sessionsAttended', 'Sessions attended', 'Including approved educational activity off site.'],
  ['authorisedAbsence', 'Authorised absence (sessions)'],
  ['unauthorisedAbsence', 'Unauthorised absence (sessions)'],
] as const;
type SessionField = (typeof SESSIONS)[number][0];

/** The API names `input.<field>`; the page's fields have the same names (the dates are the day boxes). */
const fieldOf = (argument: string) => argument.replace(/^input\./, '').replace(/^(childId|idempotencyKey|kind)$/, 'what');
/** A withdrawal asks which kind of exclusion, so the API's `input.kind` is that question's. */
const withdrawalFieldOf = (argument: string) => (argument === 'input.kind' ? 'kind' : fieldOf(argument));
const whole = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : NaN);

const NO_ANSWERS = {
  what: '' as What | '',
  start: emptyDate as DateParts,
  term: '' as Term | '',
  sessionsPossible: '',
  sessionsAttended: '',
  authorisedAbsence: '',
  unauthorisedAbsence: '',
  sessions: '',
  kind: '' as ExclusionKind | '',
  reason: '' as ExclusionWithdrawal | '',
};

export function RecordAttendance() {
  const child = useChildInState();
  const { step, answers, field, errors, key, busy, check, send: sendAnswers, checkStep } = useQuestionFlow(NO_ANSWERS);
  const { what, start, term, sessions, kind, reason } = answers;
  const [recordAttendance] = useMutation(RECORD_ATTENDANCE);
  const [correctAttendance] = useMutation(CORRECT_ATTENDANCE);
  const [recordExclusion] = useMutation(RECORD_EXCLUSION);
  const [withdrawExclusion] = useMutation(WITHDRAW_EXCLUSION);
  usePageTitle(
    step === 'done' ? DONE_WORDS[what || 'ATTENDANCE'] : step === 'check' ? 'Check your answers' : 'Record attendance or an exclusion',
    errors.length > 0,
  );
  if (!child) return <Navigate to="/caseload" replace />;
  const { childId, name } = child;
  const termly = isTerm(what);
  const startField = termly ? 'termStart' : 'startOn';
  const startIso = isoDate(start, termly ? 'the day the term started' : 'the first day');
  const counted = Object.fromEntries(SESSIONS.map(([f]) => [f, whole(answers[f])])) as Record<SessionField, number>;

  const toCheck = () => {
    const p: FieldError[] = [];
    if (!what) p.push({ field: 'what', message: 'Select what you want to record' });
    if (what && startIso.error) p.push({ field: startField, message: startIso.error });
    if (termly) {
      if (!term) p.push({ field: 'term', message: 'Select the term' });
      else if (startIso.iso && termOf(startIso.iso) !== term)
        p.push({ field: 'term', message: `A term starting on ${longDate(startIso.iso)} is the ${words(termOf(startIso.iso))} term` });
      for (const [f, label] of SESSIONS)
        if (Number.isNaN(counted[f])) p.push({ field: f, message: `Enter ${label.toLowerCase()} as a whole number` });
      const wrong = p.length ? null : attendanceProblem(counted);
      if (wrong)
        p.push({
          field: wrong.field,
          message:
            wrong.field === 'sessionsPossible'
              ? 'Possible sessions must equal sessions attended plus authorised and unauthorised absence'
              : `${SESSIONS.find(([f]) => f === wrong.field)?.[1]} ${wrong.problem}`,
        });
    }
    if (what === 'WITHDRAWAL') {
      if (!kind) p.push({ field: 'kind', message: 'Select which kind of exclusion to withdraw' });
      if (!reason) p.push({ field: 'reason', message: 'Select why it is withdrawn' });
    }
    if (what === 'SUSPENSION' && !(whole(sessions) >= 1 && whole(sessions) <= 90))
      p.push({ field: 'sessions', message: 'Enter the length of the suspension in sessions, from 1 to 90' });
    check(p);
  };

  const send = () =>
    sendAnswers(
      () =>
        termly
          ? (what === 'CORRECTION' ? correctAttendance : recordAttendance)({
              variables: { input: { childId, termStart: startIso.iso, term, ...counted, idempotencyKey: key } },
            })
          : what === 'WITHDRAWAL'
            ? withdrawExclusion({ variables: { input: { childId, kind, startOn: startIso.iso, reason, idempotencyKey: key } } })
            : recordExclusion({
                variables: {
                  input: {
                    childId,
                    kind: what,
                    startOn: startIso.iso,
                    sessions: what === 'SUSPENSION' ? whole(sessions) : null,
                    idempotencyKey: key,
                  },
                },
              }),
      {
        result: (data: any) => data?.recordAttendance ?? data?.correctAttendance ?? data?.recordExclusion ?? data?.withdrawExclusion,
        fieldOf: what === 'WITHDRAWAL' ? withdrawalFieldOf : fieldOf,
        refused: "Only the local authority's education professionals who work with the child can record this.",
        failed: 'It could not be recorded. Try again: it will not be recorded twice.',
      },
    );

  const count = (id: SessionField | 'sessions', label: string, hint?: string) => (
    <TextInput key={id} {...field(id)} label={label} hint={hint} width="4" inputMode="numeric" />
  );

  if (step === 'done' && what)
    return (
      <ChildConfirmation title={DONE_WORDS[what]} body={`for ${name}`} childId={childId}>
        <p className="govuk-body">
          {what === 'WITHDRAWAL'
            ? "It stays on file, marked withdrawn, and is no longer shown on the child's education record or counted in the commissioners' inclusion measure."
            : `${what === 'CORRECTION' ? 'It replaces what was recorded for that term (what it replaced is kept). ' : ''}It is on the child's ` +
              "education record now, and counts in the commissioners' inclusion measure (absence, persistent absence and exclusions of " +
              'children with SEN against all pupils).'}
        </p>
      </ChildConfirmation>
    );

  if (step === 'check' && what)
    return (
      <CheckYourAnswers
        {...checkStep}
        caption={name}
        answers={[
          { key: 'What', value: WHAT_WORDS[what], change: ['what', 'what'] },
          { key: termly ? 'Term started' : 'First day', value: longDate(startIso.iso), change: [startField, 'the date'] },
          ...(termly
            ? [
                { key: 'Term', value: words(term), change: ['term', 'the term'] as Answer['change'] },
                ...SESSIONS.map(([f, label]): Answer => ({ key: label, value: String(counted[f]), change: [f, label.toLowerCase()] })),
              ]
            : []),
          ...(what === 'WITHDRAWAL'
            ? [
                { key: 'Kind', value: words(kind), change: ['kind', 'the kind'] as Answer['change'] },
                { key: 'Why', value: reason ? REASON_WORDS[reason] : '', change: ['reason', 'why'] as Answer['change'] },
              ]
            : []),
          ...(what === 'SUSPENSION'
            ? [{ key: 'Length', value: `${whole(sessions)} sessions`, change: ['sessions', 'the length'] as Answer['change'] }]
            : []),
        ]}
        confirm={{
          id: 'confirm-record',
          text: CONFIRM_WORDS[what],
          busy,
          onClick: send,
        }}
      />
    );

  return (
    <ChildQuestionPage
      child={child}
      errors={errors}
      title="Record attendance or an exclusion"
      intro={<p className="govuk-body">Sessions are half-days: a full school day is 2 sessions.</p>}
      onSubmit={toCheck}
    >
      <Radios
        {...field('what')}
        legend="What do you want to record?"
        options={(Object.keys(WHAT_WORDS) as What[]).map((w) => ({ value: w, text: WHAT_WORDS[w] }))}
      />
      {what === 'WITHDRAWAL' && (
        <Radios
          {...field('kind')}
          legend="Which kind of exclusion?"
          options={EXCLUSION_KINDS.map((k) => ({ value: k, text: k === 'SUSPENSION' ? 'A suspension' : 'A permanent exclusion' }))}
          small
        />
      )}
      {what && (
        <DateInput
          {...field('start')}
          id={startField}
          error={errorFor(errors, startField)}
          legend={termly ? 'When did the term start?' : 'What was the first day?'}
          hint="For example, 2 9 2025"
        />
      )}
      {termly && (
        <>
          <Radios
            {...field('term')}
            legend="Which term?"
            hint="Autumn from August, spring from January, summer from April."
            options={TERMS.map((t) => ({ value: t, text: words(t) }))}
            small
          />
          {SESSIONS.map(([f, label, hint]) => count(f, label, hint))}
        </>
      )}
      {what === 'WITHDRAWAL' && (
        <Radios
          {...field('reason')}
          legend="Why is it withdrawn?"
          hint="It stays on file, marked withdrawn; it is no longer shown on the record or counted."
          options={EXCLUSION_WITHDRAWALS.map((r) => ({ value: r, text: REASON_WORDS[r] }))}
          small
        />
      )}
      {what === 'SUSPENSION' &&
        count('sessions', 'How long is the suspension, in sessions?', 'From 1 to 90 (at most 45 school days in a school year).')}
    </ChildQuestionPage>
  );
}

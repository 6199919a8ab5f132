// The LA's education professional records a term's attendance, a suspension or a permanent exclusion
// for a child: question page (error summary, inline errors), check your answers, confirmation. The
// rules are schema's (the term a date falls in, the sessions adding up) and the API checks them again;
// a double click or a retry records once (one idempotency key until an answer changes).
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { attendanceProblem, termOf, TERMS, type Term } from '@hub/schema/src/attendance.ts';
import { gql } from '../api/gql';
import { badInput, errorsOf, firstError } from '../api/errors';
import { Radios } from '../govuk/Radios';
import { TextInput } from '../govuk/Field';
import { DateInput, emptyDate, isoDate, type DateParts } from '../govuk/DateInput';
import { errorFor, type FieldError } from '../govuk/ErrorSummary';
import { QuestionPage } from '../govuk/QuestionPage';
import { CheckYourAnswers, type Answer } from '../govuk/CheckYourAnswers';
import { useSingleFlight } from '../family/useSingleFlight';
import { longDate } from '../assessment/clock';
import { words } from '../govuk/Tag';
import { BackToJointView } from './BackToJointView';
import { usePageTitle } from '../app/usePageTitle';

const RECORD_ATTENDANCE = gql`
  mutation RecordAttendance($input: AttendanceInput!) {
    recordAttendance(input: $input) {
      termStart
      term
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

type What = 'ATTENDANCE' | 'SUSPENSION' | 'PERMANENT';
const WHAT_WORDS: Record<What, string> = {
  ATTENDANCE: "A term's attendance",
  SUSPENSION: 'A suspension',
  PERMANENT: 'A permanent exclusion',
};
const DONE_WORDS: Record<What, string> = {
  ATTENDANCE: 'Attendance recorded',
  SUSPENSION: 'Suspension recorded',
  PERMANENT: 'Permanent exclusion recorded',
};
const SESSIONS = [
  ['sessionsPossible', 'Possible sessions'],
  ['sessionsAttended', 'Sessions attended', 'Including approved educational activity off site.'],
  ['authorisedAbsence', 'Authorised absence (sessions)'],
  ['unauthorisedAbsence', 'Unauthorised absence (sessions)'],
] as const;
type SessionField = (typeof SESSIONS)[number][0];

/** The API names `input.<field>`; the page's fields have the same names (the dates are the day boxes). */
const fieldOf = (argument: string) => argument.replace(/^input\./, '').replace(/^(childId|idempotencyKey|kind)$/, 'what');
const whole = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : NaN);

export function RecordAttendance() {
  const st = useLocation().state as { id?: string; name?: string } | null;
  const [step, setStep] = useState<'ask' | 'check' | 'done'>('ask');
  const [what, setWhat] = useState<What | ''>('');
  const [start, setStart] = useState<DateParts>(emptyDate);
  const [term, setTerm] = useState<Term | ''>('');
  const [counts, setCounts] = useState<Record<SessionField, string>>({
    sessionsPossible: '',
    sessionsAttended: '',
    authorisedAbsence: '',
    unauthorisedAbsence: '',
  });
  const [sessions, setSessions] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, once] = useSingleFlight();
  const [recordAttendance] = useMutation(RECORD_ATTENDANCE);
  const [recordExclusion] = useMutation(RECORD_EXCLUSION);
  usePageTitle(
    step === 'done' ? DONE_WORDS[what || 'ATTENDANCE'] : step === 'check' ? 'Check your answers' : 'Record attendance or an exclusion',
    errors.length > 0,
  );
  if (!st?.id) return <Navigate to="/caseload" replace />;
  const childId = st.id;
  const name = st.name ?? 'this child';
  // A changed answer is a new record: a new key, so it is not taken for a retry of the last one.
  const changed =
    <T,>(f: (v: T) => void) =>
    (v: T) => {
      setKey(crypto.randomUUID());
      f(v);
    };
  const startField = what === 'ATTENDANCE' ? 'termStart' : 'startOn';
  const startIso = isoDate(start, what === 'ATTENDANCE' ? 'the day the term started' : 'the first day');

  const toCheck = () => {
    const p: FieldError[] = [];
    if (!what) p.push({ field: 'what', message: 'Select what you want to record' });
    if (what && startIso.error) p.push({ field: startField, message: startIso.error });
    if (what === 'ATTENDANCE') {
      if (!term) p.push({ field: 'term', message: 'Select the term' });
      else if (startIso.iso && termOf(startIso.iso) !== term)
        p.push({ field: 'term', message: `A term starting on ${longDate(startIso.iso)} is the ${words(termOf(startIso.iso))} term` });
      for (const [f, label] of SESSIONS)
        if (Number.isNaN(whole(counts[f]))) p.push({ field: f, message: `Enter ${label.toLowerCase()} as a whole number` });
      const n = Object.fromEntries(SESSIONS.map(([f]) => [f, whole(counts[f])])) as Record<SessionField, number>;
      const wrong = p.length ? null : attendanceProblem(n);
      if (wrong)
        p.push({
          field: wrong.field,
          message:
            wrong.field === 'sessionsPossible'
              ? 'Possible sessions must equal sessions attended plus authorised and unauthorised absence'
              : `${SESSIONS.find(([f]) => f === wrong.field)?.[1]} ${wrong.problem}`,
        });
    }
    if (what === 'SUSPENSION' && !(whole(sessions) >= 1 && whole(sessions) <= 90))
      p.push({ field: 'sessions', message: 'Enter the length of the suspension in sessions, from 1 to 90' });
    setErrors(p);
    if (!p.length) setStep('check');
  };

  const send = () =>
    once(async () => {
      setProblem(null);
      try {
        const res =
          what === 'ATTENDANCE'
            ? await recordAttendance({
                variables: {
                  input: {
                    childId,
                    termStart: startIso.iso,
                    term,
                    ...Object.fromEntries(SESSIONS.map(([f]) => [f, whole(counts[f])])),
                    idempotencyKey: key,
                  },
                },
              })
            : await recordExclusion({
                variables: {
                  input: {
                    childId,
                    kind: what,
                    startOn: startIso.iso,
                    sessions: what === 'SUSPENSION' ? whole(sessions) : null,
                    idempotencyKey: key,
                  },
                },
              });
        const bad = badInput(errorsOf(res.error));
        if (bad) {
          setErrors([{ field: fieldOf(bad.argument), message: bad.message }]);
          return setStep('ask');
        }
        if (!res.data)
          return setProblem(
            firstError(res.error)?.extensions?.code === 'FORBIDDEN'
              ? "Only the local authority's education professionals who work with the child can record this."
              : (firstError(res.error)?.message ?? 'Something went wrong. Try again.'),
          );
        setStep('done');
      } catch {
        setProblem('It could not be recorded. Try again: it will not be recorded twice.');
      }
    });

  const count = (id: string, label: string, hint: string | undefined, value: string, set: (v: string) => void) => (
    <TextInput
      key={id}
      id={id}
      label={label}
      hint={hint}
      error={errorFor(errors, id)}
      value={value}
      onChange={changed(set)}
      width="4"
      inputMode="numeric"
    />
  );

  if (step === 'done' && what)
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">{DONE_WORDS[what]}</h1>
          <div className="govuk-panel__body">for {name}</div>
        </div>
        <p className="govuk-body">
          It is on the child's education record now, and counts in the commissioners' inclusion measure (absence, persistent absence and
          exclusions of children with SEN against all pupils).
        </p>
        <p className="govuk-body">
          <BackToJointView childId={childId} inText />
        </p>
      </>
    );

  if (step === 'check' && what)
    return (
      <CheckYourAnswers
        caption={name}
        problem={problem}
        onBack={() => setStep('ask')}
        answers={[
          { key: 'What', value: WHAT_WORDS[what], change: ['what', 'what'] },
          { key: what === 'ATTENDANCE' ? 'Term started' : 'First day', value: longDate(startIso.iso), change: [startField, 'the date'] },
          ...(what === 'ATTENDANCE'
            ? [
                { key: 'Term', value: words(term), change: ['term', 'the term'] as Answer['change'] },
                ...SESSIONS.map(([f, label]): Answer => ({
                  key: label,
                  value: String(whole(counts[f])),
                  change: [f, label.toLowerCase()],
                })),
              ]
            : []),
          ...(what === 'SUSPENSION'
            ? [{ key: 'Length', value: `${whole(sessions)} sessions`, change: ['sessions', 'the length'] as Answer['change'] }]
            : []),
        ]}
        confirm={{ id: 'confirm-record', text: what === 'ATTENDANCE' ? 'Record attendance' : 'Record exclusion', busy, onClick: send }}
      />
    );

  return (
    <QuestionPage
      back={<BackToJointView childId={childId} />}
      errors={errors}
      caption={name}
      title="Record attendance or an exclusion"
      intro={<p className="govuk-body">Sessions are half-days: a full school day is 2 sessions.</p>}
      onSubmit={toCheck}
    >
      <Radios
        id="what"
        legend="What do you want to record?"
        error={errorFor(errors, 'what')}
        value={what}
        onChange={changed((v: string) => setWhat(v as What))}
        options={(Object.keys(WHAT_WORDS) as What[]).map((w) => ({ value: w, text: WHAT_WORDS[w] }))}
      />
      {what && (
        <DateInput
          id={startField}
          legend={what === 'ATTENDANCE' ? 'When did the term start?' : 'What was the first day?'}
          hint="For example, 2 9 2025"
          error={errorFor(errors, startField)}
          value={start}
          onChange={changed(setStart)}
        />
      )}
      {what === 'ATTENDANCE' && (
        <>
          <Radios
            id="term"
            legend="Which term?"
            hint="Autumn from August, spring from January, summer from April."
            error={errorFor(errors, 'term')}
            value={term}
            onChange={changed((v: string) => setTerm(v as Term))}
            options={TERMS.map((t) => ({ value: t, text: words(t) }))}
            small
          />
          {SESSIONS.map(([f, label, hint]) => count(f, label, hint, counts[f], (v) => setCounts({ ...counts, [f]: v })))}
        </>
      )}
      {what === 'SUSPENSION' &&
        count(
          'sessions',
          'How long is the suspension, in sessions?',
          'From 1 to 90 (at most 45 school days in a school year).',
          sessions,
          setSessions,
        )}
    </QuestionPage>
  );
}

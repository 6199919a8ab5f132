// The advice form: needs, outcomes and provision (C/E/G for health, D/E/H1/H2 for social care),
// who wrote it and when. Save as draft keeps it in this tab; Continue checks it and goes to
// "Check your answers". Amending pre-fills the newest version and submits the next one.
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useSession } from '../auth/session';
import { AGENCY, givenAdviceQuery, type AdviceAgency } from './agency';
import { draftStore, type AdviceDraft } from './drafts';
import { adviceProblems } from './validate';
import { DateInput, emptyDate, todayParts } from '../govuk/DateInput';
import { Select, TextInput, Textarea } from '../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { usePageTitle } from '../app/usePageTitle';
import { FamilyStoryFor } from '../family/FamilyStoryFor';
import { SuccessBanner } from '../govuk/SuccessBanner';
import { Loading } from '../govuk/Loading';
import { Form } from '../govuk/Form';

interface FormState {
  requestId: string;
  agency: AdviceAgency;
  childId: string;
  childLabel: string;
  amend?: boolean;
  errors?: FieldError[];
}

export function AdviceForm() {
  const st = useLocation().state as FormState | null;
  const navigate = useNavigate();
  const { user } = useSession();
  const [draft, setDraft] = useState<AdviceDraft | null>(() => (st ? (draftStore.get(st.requestId) ?? null) : null));
  const [errors, setErrors] = useState<FieldError[]>(st?.errors ?? []);
  const [saved, setSaved] = useState(false);
  const names = AGENCY[st?.agency ?? 'HEALTH'];
  const given = useQuery(givenAdviceQuery(names), { variables: { childId: st?.childId ?? '' }, skip: !st?.amend || !!draft });
  usePageTitle(st?.amend ? 'Amend advice' : 'Write advice', errors.length > 0);
  useEffect(() => {
    if (!st || draft) return;
    if (st.amend) {
      const existing = given.data?.child?.[names.recordField]?.advice?.find((a: any) => a.requestId === st.requestId);
      if (!existing) return;
      setDraft({
        requestId: st.requestId,
        agency: st.agency,
        childId: st.childId,
        childLabel: st.childLabel,
        adviceId: existing.id,
        version: existing.version,
        needs: existing.needs.join('\n'),
        outcomes: existing.outcomes.join('\n'),
        provision: existing.provision.map((p: any) => p.description).join('\n'),
        provisionSection: existing.provision[0]?.section ?? names.provisionSections[0],
        authorName: user?.name ?? existing.authorName,
        authorRole: existing.authorRole,
        adviceDate: todayParts(),
      });
      return;
    }
    setDraft({
      requestId: st.requestId,
      agency: st.agency,
      childId: st.childId,
      childLabel: st.childLabel,
      needs: '',
      outcomes: '',
      provision: '',
      provisionSection: names.provisionSections[0],
      authorName: user?.name ?? '',
      authorRole: '',
      adviceDate: emptyDate,
    });
  }, [st, draft, given.data, names, user]);
  if (!st) return <Navigate to="/advice" replace />;
  if (!draft) return <Loading />;
  const set = (patch: Partial<AdviceDraft>) => {
    setSaved(false);
    // New content means a new submission: forget the key made for the old content.
    setDraft({ ...draft, ...patch, idempotencyKey: undefined });
  };
  const save = () => {
    draftStore.save({ ...draft, savedAt: new Date().toISOString() });
    setSaved(true);
  };
  const next = () => {
    const problems = adviceProblems(draft);
    setErrors(problems);
    if (problems.length) return;
    draftStore.save(draft);
    navigate('/advice/check', { state: { requestId: draft.requestId } });
  };
  const a = names;
  return (
    <>
      <Link to="/advice" className="govuk-back-link">
        Back to requests for advice
      </Link>
      <ErrorSummary errors={errors} />
      {saved && (
        <SuccessBanner id="draft-saved" title="Draft saved">
          Your draft is saved while this tab stays open. It has not been sent.
        </SuccessBanner>
      )}
      <span className="govuk-caption-l">{draft.childLabel}</span>
      <h1 className="govuk-heading-l">
        {draft.adviceId
          ? `Amend ${a.title} advice (version ${(draft.version ?? 1) + 1})`
          : `${a.title[0].toUpperCase()}${a.title.slice(1)} advice for an EHC needs assessment`}
      </h1>
      <FamilyStoryFor childId={draft.childId} />
      <Form onSubmit={next}>
        <Textarea
          id="needs"
          label={`Needs (section ${a.needsSection})`}
          hint="One need on each line."
          value={draft.needs}
          onChange={(v) => set({ needs: v })}
          error={errorFor(errors, 'needs')}
        />
        <Textarea
          id="outcomes"
          label="Outcomes (section E)"
          hint="One outcome on each line."
          value={draft.outcomes}
          onChange={(v) => set({ outcomes: v })}
          error={errorFor(errors, 'outcomes')}
        />
        {a.provisionSections.length > 1 && (
          <Select
            id="provision-section"
            label="Plan section for the provision"
            value={draft.provisionSection}
            onChange={(v) => set({ provisionSection: v })}
            options={a.provisionSections.map((s) => ({ value: s, text: `Section ${s}` }))}
          />
        )}
        <Textarea
          id="provision"
          label={`Provision (section ${a.provisionSections.join(' or ')})`}
          hint="One item of provision on each line: what, who provides it, how often."
          value={draft.provision}
          onChange={(v) => set({ provision: v })}
          error={errorFor(errors, 'provision')}
        />
        <TextInput
          id="author-name"
          label="Your name"
          autoComplete="name"
          value={draft.authorName}
          onChange={(v) => set({ authorName: v })}
          error={errorFor(errors, 'author-name')}
        />
        <TextInput
          id="author-role"
          label="Your role"
          hint="For example, community paediatrician"
          value={draft.authorRole}
          onChange={(v) => set({ authorRole: v })}
          error={errorFor(errors, 'author-role')}
        />
        <DateInput
          id="advice-date"
          legend="Date of the advice"
          hint="For example, 27 3 2026"
          value={draft.adviceDate}
          onChange={(v) => set({ adviceDate: v })}
          error={errorFor(errors, 'advice-date')}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" id="continue">
            Continue
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" id="save-draft" onClick={save}>
            Save as draft
          </button>
        </div>
      </Form>
    </>
  );
}

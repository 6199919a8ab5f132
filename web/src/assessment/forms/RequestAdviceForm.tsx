// Ask an organisation for advice (reg 8: due in 6 weeks). Health and social care requests reach
// the adviser's own work list; the others are recorded as received here when they arrive.
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { ADVICE_TYPES, ADVICE_TYPE_AGENCY } from '@hub/schema/codes';
import { REQUEST_ADVICE } from '../assessment-query';
import { DateInput, emptyDate, isoDate } from '../../govuk/DateInput';
import { Select, TextInput } from '../../govuk/Field';
import { ErrorSummary, errorFor } from '../../govuk/ErrorSummary';
import { words } from '../../govuk/Tag';
import { useHubForm } from '../useHubForm';
import { Form } from '../../govuk/Form';

// The demo's organisations; any ODS or LA code may be typed.
const DEFAULT_ORG: Record<string, string> = { HEALTH: 'RX1', SOCIAL_CARE: 'LA937', EDUCATION: 'LA937' };

export function RequestAdviceForm({ assessmentId, la, onDone }: { assessmentId: string; la: string; onDone: () => void }) {
  const [type, setType] = useState<string>('HEALTH');
  const [org, setOrg] = useState(DEFAULT_ORG.HEALTH);
  const [date, setDate] = useState(emptyDate);
  const [run] = useMutation(REQUEST_ADVICE);
  const form = useHubForm((a) => (a === 'organisation' ? 'advice-org' : a === 'adviceType' ? 'advice-type' : 'advice-date'));
  const agency = ADVICE_TYPE_AGENCY[type as keyof typeof ADVICE_TYPE_AGENCY] ?? 'EDUCATION';
  const send = async () => {
    const ok = await form.submit(
      () => {
        const out = [];
        if (!/^[A-Z0-9]{3,8}$/.test(org.trim()))
          out.push({ field: 'advice-org', message: 'Enter the organisation code, like RX1 or LA937' });
        const d = isoDate(date, 'the date advice was requested');
        if (d.error) out.push({ field: 'advice-date', message: d.error });
        return out;
      },
      () => run({ variables: { id: assessmentId, type, agency, org: org.trim(), on: isoDate(date, '').iso } }),
    );
    if (ok) {
      setDate(emptyDate);
      onDone();
    }
  };
  return (
    <Form className="govuk-!-margin-bottom-6" id="request-advice" onSubmit={send}>
      <h3 className="govuk-heading-s">Request advice</h3>
      <ErrorSummary errors={form.errors} />
      <Select
        id="advice-type"
        label="Type of advice"
        value={type}
        onChange={(v) => {
          setType(v);
          setOrg(DEFAULT_ORG[ADVICE_TYPE_AGENCY[v as keyof typeof ADVICE_TYPE_AGENCY] ?? 'EDUCATION'] ?? la);
        }}
        options={ADVICE_TYPES.map((t) => ({ value: t, text: words(t) }))}
        error={errorFor(form.errors, 'advice-type')}
      />
      <TextInput
        id="advice-org"
        label="Organisation asked"
        hint="NHS ODS code (RX1) or local authority code (LA937)"
        width="10"
        value={org}
        onChange={setOrg}
        error={errorFor(form.errors, 'advice-org')}
      />
      <DateInput
        id="advice-date"
        legend="Date requested"
        hint="For example, 27 3 2026"
        value={date}
        onChange={setDate}
        error={errorFor(form.errors, 'advice-date')}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={form.busy}>
        Request advice
      </button>
    </Form>
  );
}

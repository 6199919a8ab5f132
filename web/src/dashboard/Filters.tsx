// Filters the API allows (coarse values only): local authority, age band, SEN status; and the
// dimensions of the child count table.
import { useState } from 'react';
import { AGE_BANDS, COMMISSIONING_DIMENSIONS } from '@hub/schema/commissioning';
import { SEN_STATUSES } from '@hub/schema/codes';
import { Select, TextInput } from '../govuk/Field';
import { Form } from '../govuk/Form';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { words } from '../govuk/Tag';

export interface DashboardFilter {
  la?: string;
  ageBand?: string;
  senStatus?: string;
}

export function Filters({
  initial,
  dimensions,
  onApply,
  apiErrors,
}: {
  initial: DashboardFilter;
  dimensions: string[];
  onApply: (f: DashboardFilter, dims: string[]) => void;
  apiErrors: FieldError[];
}) {
  const [la, setLa] = useState(initial.la ?? '');
  const [age, setAge] = useState(initial.ageBand ?? '');
  const [sen, setSen] = useState(initial.senStatus ?? '');
  const [dims, setDims] = useState<string[]>(dimensions);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const all = [...errors, ...apiErrors];
  const apply = () => {
    const e: FieldError[] = [];
    if (la.trim() && !/^\d{3}$/.test(la.trim()))
      e.push({ field: 'filter-la', message: 'Enter a local authority code of 3 digits, like 937' });
    if (!dims.length) e.push({ field: 'dimensions', message: 'Select at least one way to count children' });
    setErrors(e);
    if (e.length) return;
    onApply({ la: la.trim() || undefined, ageBand: age || undefined, senStatus: sen || undefined }, dims);
  };
  return (
    <Form onSubmit={apply} className="govuk-!-margin-bottom-6" id="filters">
      <ErrorSummary errors={all} />
      <h2 className="govuk-heading-m">Filters</h2>
      <TextInput
        id="filter-la"
        label="Local authority code"
        hint="3 digits, for example 937. Leave empty for every LA."
        width="4"
        inputMode="numeric"
        value={la}
        onChange={setLa}
        error={errorFor(all, 'filter-la')}
      />
      <Select
        id="filter-age"
        label="Age band"
        value={age}
        onChange={setAge}
        options={[
          { value: '', text: 'All ages' },
          ...AGE_BANDS.map((b) => ({ value: b.code, text: b.max > 100 ? `${b.min} and over` : `${b.min} to ${b.max}` })),
        ]}
      />
      <Select
        id="filter-sen"
        label="SEN status"
        value={sen}
        onChange={setSen}
        options={[{ value: '', text: 'All' }, ...SEN_STATUSES.map((s) => ({ value: s, text: words(s) }))]}
      />
      <div className={`govuk-form-group${errorFor(all, 'dimensions') ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby="dimensions-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Count children by</legend>
          <div id="dimensions-hint" className="govuk-hint">
            Choose one or more; each is a column of the table.
          </div>
          {errorFor(all, 'dimensions') && (
            <p id="dimensions-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errorFor(all, 'dimensions')}
            </p>
          )}
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {COMMISSIONING_DIMENSIONS.map((d, i) => (
              <div className="govuk-checkboxes__item" key={d}>
                <input
                  className="govuk-checkboxes__input"
                  id={i === 0 ? 'dimensions' : `dimensions-${d}`}
                  type="checkbox"
                  checked={dims.includes(d)}
                  onChange={(e) => setDims(e.target.checked ? [...dims, d] : dims.filter((x) => x !== d))}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? 'dimensions' : `dimensions-${d}`}>
                  {words(d)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <button type="submit" className="govuk-button">
        Apply filters
      </button>
    </Form>
  );
}

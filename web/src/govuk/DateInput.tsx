// GOV.UK date input: day, month and year boxes. The value stays exactly as typed (so a bad date is
// kept for the user to correct); isoDate() turns it into YYYY-MM-DD or says what is wrong.
import { Fieldset } from './Fieldset';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

export function todayParts(): DateParts {
  const d = new Date();
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

/** YYYY-MM-DD, or an error message in GOV.UK's words naming what is missing or wrong. */
export function isoDate(p: DateParts, what: string, when: 'past' | 'future' = 'past'): { iso?: string; error?: string } {
  const missing = (['day', 'month', 'year'] as const).filter((k) => !p[k].trim());
  if (missing.length === 3) return { error: `Enter ${what}` };
  if (missing.length) return { error: `${what[0].toUpperCase()}${what.slice(1)} must include a ${missing.join(' and ')}` };
  const [d, m, y] = [p.day, p.month, p.year].map((s) => s.trim());
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    return { error: `${what[0].toUpperCase()}${what.slice(1)} must be a real date` };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    return { error: `${what[0].toUpperCase()}${what.slice(1)} must be a real date` };
  if (when === 'past' && date.getTime() > Date.now())
    return { error: `${what[0].toUpperCase()}${what.slice(1)} must be today or in the past` };
  if (when === 'future' && iso <= new Date().toISOString().slice(0, 10))
    return { error: `${what[0].toUpperCase()}${what.slice(1)} must be in the future` };
  return { iso };
}

export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: DateParts;
  onChange: (v: DateParts) => void;
}) {
  const part = (k: keyof DateParts, label: string, width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={k === 'day' ? id : `${id}-${k}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
          id={k === 'day' ? id : `${id}-${k}`}
          name={`${id}-${k}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={value[k]}
          onChange={(e) => onChange({ ...value, [k]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} role="group">
      <div className="govuk-date-input">
        {part('day', 'Day', '2')}
        {part('month', 'Month', '2')}
        {part('year', 'Year', '4')}
      </div>
    </Fieldset>
  );
}

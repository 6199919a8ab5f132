// The "Change" link of a check-your-answers row: back to the question (another page, or this page's
// question step) with the field focused; its label is read out after "Change".
import type { MouseEvent } from 'react';
import { Link } from 'react-router';

export function ChangeLink({
  field,
  label,
  to,
  state,
  onChange,
}: {
  field: string;
  label: string;
  to?: string;
  state?: unknown;
  onChange?: () => void;
}) {
  const focus = () => setTimeout(() => document.getElementById(field)?.focus(), 50);
  const text = (
    <>
      Change<span className="govuk-visually-hidden"> {label}</span>
    </>
  );
  if (to)
    return (
      <Link className="govuk-link" to={to} state={state} onClick={focus}>
        {text}
      </Link>
    );
  const click = (e: MouseEvent) => {
    e.preventDefault();
    onChange?.();
    focus();
  };
  return (
    <a href={`#${field}`} className="govuk-link" onClick={click}>
      {text}
    </a>
  );
}

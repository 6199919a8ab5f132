// GOV.UK tag; the text always says the state (colour is never the only signal).
const COLOURS: Record<string, string> = {
  OVERDUE: 'red',
  OVERDUE_WITH_EXCEPTION: 'orange',
  LATE: 'red',
  LATE_WITH_EXCEPTION: 'orange',
  IN_TIME: 'green',
  NOT_YET_DUE: 'blue',
  NOT_APPLICABLE: 'grey',
  OUTSTANDING: 'yellow',
  RECEIVED: 'green',
  SUFFICIENT_EXISTING: 'grey',
};

export function words(code: string | null | undefined): string {
  if (!code) return '';
  const s = code.replace(/_/g, ' ').toLowerCase();
  return s[0].toUpperCase() + s.slice(1);
}

export function Tag({ code, text }: { code: string; text?: string }) {
  const colour = COLOURS[code];
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{text ?? words(code)}</strong>;
}

// What a page says while the hub has not answered yet: a status, so a screen reader announces it.
export function Loading({ text = 'Loading…' }: { text?: string }) {
  return (
    <p className="govuk-body" role="status">
      {text}
    </p>
  );
}

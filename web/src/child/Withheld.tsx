// A withheld part says so, with the reason: never hidden silently, never shown as "none".
const REASONS: Record<string, string> = {
  NO_CONSENT: 'no consent',
  NO_RELATIONSHIP: 'no relationship',
  ROLE: 'not for your role',
};

function withheldText(reason: string): string {
  return `Withheld: ${REASONS[reason] ?? reason.toLowerCase().replace(/_/g, ' ')}`;
}

export function Withheld({ reason }: { reason: string }) {
  return (
    <span className="app-withheld" data-withheld={reason}>
      {withheldText(reason)}
    </span>
  );
}

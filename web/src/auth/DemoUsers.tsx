// Development only: the demo users, one button each (the gateway offers /dev/* only outside production).
import { useEffect, useState } from 'react';
import { devSignIn } from './oidc';
import { WarningText } from '../govuk/WarningText';

// Tests ask for a short-lived token with ?token-seconds=N on the sign-in page (development only).
function tokenSeconds(): number | undefined {
  const n = Number(new URLSearchParams(window.location.search).get('token-seconds'));
  return n > 0 ? n : undefined;
}

interface DemoUser {
  key: string;
  name: string;
  org: string;
  roles: string[];
}

export function DemoUsers({ onSignedIn }: { onSignedIn: () => void }) {
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  useEffect(() => {
    fetch('/dev/users')
      .then((r) => (r.ok ? r.json() : []))
      .then(setUsers, () => setUsers([]));
  }, []);
  if (!users?.length) return null;
  return (
    <div className="govuk-!-margin-top-6">
      <WarningText>Development only: demo users with demo data. This is not offered when the hub runs in production.</WarningText>
      <h2 className="govuk-heading-m">Sign in as a demo user</h2>
      <ul className="govuk-list">
        {users.map((u) => (
          <li key={u.key}>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
              data-user={u.key}
              onClick={async () => {
                await devSignIn(u.key, tokenSeconds());
                onSignedIn();
              }}
            >
              {u.name} <span className="govuk-visually-hidden">,</span>({u.roles.join(', ').replace(/_/g, ' ')}, {u.org})
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The sign-in page: the organisation's OpenID provider when the hub is configured with one, and
// in development the demo users.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { loadAuthConfig, startOidcSignIn, type AuthConfig } from './oidc';
import { session } from './session';
import { homeFor } from '../app/roles';
import { DemoUsers } from './DemoUsers';

export function SignIn() {
  const [cfg, setCfg] = useState<AuthConfig | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    document.title = 'Sign in – SEND hub';
    loadAuthConfig().then(setCfg, () => setCfg({ oidc: null, devSignIn: false }));
  }, []);
  const done = () => {
    const user = session.get().user;
    if (user) navigate(homeFor(user));
  };
  return (
    <>
      <h1 className="govuk-heading-l">Sign in</h1>
      <p className="govuk-body">
        Professionals sign in with their organisation's account. What you see depends on your role, your work with each child and the
        family's consent.
      </p>
      {cfg?.oidc && (
        <button type="button" className="govuk-button" id="oidc-sign-in" onClick={() => startOidcSignIn(cfg.oidc!)}>
          Sign in with your organisation
        </button>
      )}
      {cfg && !cfg.oidc && !cfg.devSignIn && <p className="govuk-body">Sign-in is not configured for this hub.</p>}
      {cfg?.devSignIn && <DemoUsers onSignedIn={done} />}
    </>
  );
}

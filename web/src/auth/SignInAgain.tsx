// Shown over the current page when the gateway says the token has expired. The page underneath
// keeps everything typed; the request that met the 401 is retried once the user is back.
import { useEffect, useRef, useState } from 'react';
import { loadAuthConfig, type AuthConfig } from './oidc';
import { DemoUsers } from './DemoUsers';
import { session } from './session';
import { UserManager, InMemoryWebStorage, WebStorageStateStore } from 'oidc-client-ts';

export function SignInAgain() {
  const [cfg, setCfg] = useState<AuthConfig | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    loadAuthConfig().then(setCfg, () => setCfg({ oidc: null, devSignIn: false }));
    heading.current?.focus();
  }, []);
  const popup = async () => {
    const o = cfg!.oidc!;
    // A popup keeps this page (and what was typed on it) alive while the user signs in.
    const m = new UserManager({
      authority: o.authority,
      client_id: o.clientId,
      scope: o.scope,
      redirect_uri: `${window.location.origin}/auth/callback`,
      popup_redirect_uri: `${window.location.origin}/auth/popup`,
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    });
    const user = await m.signinPopup();
    session.signIn(user.access_token);
  };
  return (
    <div className="app-overlay">
      <div className="app-dialog" role="dialog" aria-modal="true" aria-labelledby="sign-in-again-title">
        <h2 className="govuk-heading-m" id="sign-in-again-title" tabIndex={-1} ref={heading}>
          Your session has ended
        </h2>
        <p className="govuk-body">
          Sign in again to carry on. What you have typed on this page is kept, and what you were doing will carry on once you are back.
        </p>
        {cfg?.oidc && (
          <button type="button" className="govuk-button" onClick={popup}>
            Sign in again
          </button>
        )}
        {cfg?.devSignIn && <DemoUsers onSignedIn={() => undefined} />}
      </div>
    </div>
  );
}

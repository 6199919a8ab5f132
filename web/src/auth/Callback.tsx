// /auth/callback: the provider sends the user back here with a code; we exchange it and go home.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { UserManager } from 'oidc-client-ts';
import { completeOidcSignIn, loadAuthConfig } from './oidc';
import { session } from './session';
import { homeFor } from '../app/roles';

export function Callback() {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    (async () => {
      const cfg = await loadAuthConfig();
      if (!cfg.oidc) throw new Error('no provider');
      await completeOidcSignIn(cfg.oidc);
      const user = session.get().user;
      // replace: the code and state must not stay in the history.
      navigate(user ? homeFor(user) : '/', { replace: true });
    })().catch(() => setFailed(true));
  }, [navigate]);
  return failed ? (
    <>
      <h1 className="govuk-heading-l">Sign-in did not complete</h1>
      <p className="govuk-body">
        <a className="govuk-link" href="/sign-in">
          Try signing in again
        </a>
        .
      </p>
    </>
  ) : (
    <p className="govuk-body">Signing you in…</p>
  );
}

/** /auth/popup: the sign-in-again popup lands here and hands the result to the page that opened it. */
export function PopupCallback() {
  useEffect(() => {
    loadAuthConfig().then(async (cfg) => {
      if (!cfg.oidc) return;
      await new UserManager({
        authority: cfg.oidc.authority,
        client_id: cfg.oidc.clientId,
        redirect_uri: `${window.location.origin}/auth/callback`,
      }).signinPopupCallback();
    });
  }, []);
  return <p className="govuk-body">Signing you in…</p>;
}

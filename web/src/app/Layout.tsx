// The page frame: skip link, a plain header (no crown: not a GOV.UK service), service navigation
// by role, the phase banner, and the sign-in dialog shown over the page when a token expires.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { session, useSession } from '../auth/session';
import { navFor } from './roles';
import { SignInAgain } from '../auth/SignInAgain';

export function Layout({ children }: { children: ReactNode }) {
  const { user, expired } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const items = navFor(user);
  // A route change moves focus to the page, as a page load would for screen reader users.
  useEffect(() => {
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-generic-header" role="banner">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              SEND hub
            </Link>
          </div>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            {items.length > 0 && (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list" id="navigation">
                  {items.map((i) => {
                    const active = location.pathname === i.href || location.pathname.startsWith(`${i.href}/`);
                    return (
                      <li
                        className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}
                        key={i.href}
                      >
                        <Link className="govuk-service-navigation__link" to={i.href} aria-current={active ? 'page' : undefined}>
                          {active ? <strong className="govuk-service-navigation__active-fallback">{i.text}</strong> : i.text}
                        </Link>
                      </li>
                    );
                  })}
                  {user && (
                    <li className="govuk-service-navigation__item">
                      <Link className="govuk-service-navigation__link" to="/sign-in" onClick={() => session.signOut()}>
                        Sign out
                      </Link>
                    </li>
                  )}
                </ul>
              </nav>
            )}
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
            <span className="govuk-phase-banner__text">
              {user ? (
                <>
                  Signed in as {user.name} ({user.org})
                </>
              ) : (
                'A data-sharing hub for children and young people with SEND.'
              )}
            </span>
          </p>
        </div>
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1} ref={main}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer" role="contentinfo">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s">Children's records stay with the agency that holds them. Every view is recorded.</p>
            </div>
          </div>
        </div>
      </footer>
      {expired && <SignInAgain />}
    </>
  );
}

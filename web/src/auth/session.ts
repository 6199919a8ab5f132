// The signed-in user's session, held in this tab's memory only: never localStorage or
// sessionStorage (docs/web.md says why). When the gateway answers 401 (the token expired), a
// request waits on reauthenticate(), the app shows the sign-in dialog over the current page, and
// the request is retried with the new token, so nothing typed on the page is lost.
import { useSyncExternalStore } from 'react';
import type { Purpose } from '@hub/schema/codes';

export interface SessionUser {
  sub: string;
  name: string;
  org: string;
  roles: string[];
}

interface State {
  token: string | null;
  user: SessionUser | null;
  purpose: Purpose;
  /** True while a request waits for the user to sign in again. */
  expired: boolean;
}

let state: State = { token: null, user: null, purpose: 'DIRECT_CARE', expired: false };
const listeners = new Set<() => void>();
let waiting: (() => void)[] = [];

function set(next: Partial<State>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function claimsOf(token: string): SessionUser {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = JSON.parse(decodeURIComponent(escape(atob(payload)))) as Record<string, unknown>;
  return {
    sub: String(json.sub ?? ''),
    name: String(json.name ?? json.sub ?? ''),
    org: String(json.org ?? ''),
    roles: Array.isArray(json.roles) ? json.roles.map(String) : [],
  };
}

export const session = {
  get: () => state,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  signIn(token: string) {
    const user = claimsOf(token);
    // Signing in again as someone else must not reuse what the previous user's page showed.
    if (state.user && state.user.sub !== user.sub) {
      window.location.assign('/');
      return;
    }
    set({ token, user, expired: false });
    const w = waiting;
    waiting = [];
    w.forEach((r) => r());
  },
  signOut() {
    set({ token: null, user: null, expired: false, purpose: 'DIRECT_CARE' });
  },
  setPurpose(purpose: Purpose) {
    set({ purpose });
  },
  reauthenticate(): Promise<void> {
    set({ expired: true });
    return new Promise((resolve) => waiting.push(resolve));
  },
};

export function useSession(): State {
  return useSyncExternalStore(session.subscribe, session.get);
}

export function hasRole(user: SessionUser | null, ...roles: string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

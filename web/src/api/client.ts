// One Apollo Client for the app. Every request carries the in-memory token and the purpose the
// user chose (x-hub-purpose). A 401 pauses the request until the user signs in again, then retries
// it with the same body (an idempotency key in it stays the same, so a retried submit is applied once).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { session } from '../auth/session';

export async function hubFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { token, purpose } = session.get();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    headers.set('x-hub-purpose', purpose);
    const res = await fetch(input, { ...init, headers });
    if (res.status !== 401) return res;
    await session.reauthenticate();
  }
  throw new Error('could not sign in');
}

export const client = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', fetch: hubFetch }),
  cache: new InMemoryCache({
    typePolicies: {
      // Records have no id of their own; they belong to their child.
      EducationRecord: { keyFields: false },
      HealthRecord: { keyFields: false },
      SocialCareRecord: { keyFields: false },
    },
  }),
  // No cache: every page asks afresh (consent can change between two views, and a record withheld
  // a moment ago must not be shown from memory), and no child's data lingers in the client.
  defaultOptions: {
    watchQuery: { errorPolicy: 'all', fetchPolicy: 'no-cache' },
    query: { errorPolicy: 'all', fetchPolicy: 'no-cache' },
    mutate: { errorPolicy: 'all', fetchPolicy: 'no-cache' },
  },
});

// The offline API explorer: GraphiQL bundled from npm (no CDN), sending the signed-in user's token
// and purpose, so it shows exactly what the API lets this user see.
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './explorer.css';
import { useEffect, useRef } from 'react';
import { patchGraphiQL } from './accessible';
import { hubFetch } from '../api/client';
import { usePageTitle } from '../app/usePageTitle';

const fetcher = createGraphiQLFetcher({ url: '/graphql', fetch: hubFetch as typeof fetch });

const DEFAULT_QUERY = `# The hub's API, as you. Try your work tray:
{
  myCaseload(first: 10) {
    edges { relationships node { id } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export default function Explorer() {
  usePageTitle('API explorer');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => (box.current ? patchGraphiQL(box.current) : undefined), []);
  return (
    <>
      <h1 className="govuk-heading-l">API explorer</h1>
      <p className="govuk-body">Queries run as you, with your purpose of access, and are audited like any other request.</p>
      <div className="app-explorer" ref={box}>
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
      </div>
    </>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApolloProvider } from '@apollo/client/react';
import './styles/app.scss';
import { client } from './api/client';
import { App } from './app/App';

// GOV.UK Frontend's CSS expects these classes on <body> once JavaScript runs.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);

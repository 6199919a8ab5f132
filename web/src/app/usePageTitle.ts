import { useEffect } from 'react';

/** Every page has its own title (WCAG 2.4.2); an error prefixes it, as GOV.UK pages do. */
export function usePageTitle(title: string, hasErrors = false) {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – SEND hub`;
  }, [title, hasErrors]);
}

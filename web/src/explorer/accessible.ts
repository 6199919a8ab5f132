// GraphiQL's own markup misses a few accessibility basics; this fixes them in place as it renders:
// labels for its CodeMirror text areas, keyboard access to its scrolling editors, and its tab
// strip (a tab holding a close button is a control nested in a control, so the strip is plain).
export function patchGraphiQL(root: HTMLElement): () => void {
  const fix = () => {
    for (const ta of root.querySelectorAll<HTMLTextAreaElement>('.CodeMirror textarea:not([aria-label])')) {
      const where = ta.closest('.graphiql-query-editor')
        ? 'Query'
        : ta.closest('.graphiql-response')
          ? 'Response'
          : (ta.closest('[aria-label]')?.getAttribute('aria-label') ?? 'Variables or headers');
      ta.setAttribute('aria-label', `${where} editor`);
    }
    for (const s of root.querySelectorAll<HTMLElement>('.CodeMirror-scroll:not([tabindex="0"])')) s.setAttribute('tabindex', '0');
    for (const t of root.querySelectorAll<HTMLElement>('[role="tab"], [role="tablist"]')) {
      t.removeAttribute('role');
      t.removeAttribute('aria-selected');
      t.removeAttribute('aria-controls');
    }
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(root, { subtree: true, childList: true });
  return () => observer.disconnect();
}

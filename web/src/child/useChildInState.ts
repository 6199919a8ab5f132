// The child a professional's page is about, from the router's in-memory state (never the address):
// its hub id and the name to show; null when the page was opened without one.
import { useLocation } from 'react-router';

export function useChildInState(): { childId: string; name: string } | null {
  const st = useLocation().state as { id?: string; name?: string } | null;
  return st?.id ? { childId: st.id, name: st.name ?? 'this child' } : null;
}

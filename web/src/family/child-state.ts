// The family's pages take the child from the router's in-memory state, never the address (as the
// work tray does for professionals): no child id or name reaches a URL, the history or a log.
import { useLocation } from 'react-router';
import { useSession } from '../auth/session';

export interface FamilyChild {
  childId: string;
  childName: string;
}

export function useFamilyChild(): FamilyChild | null {
  const st = useLocation().state as Partial<FamilyChild> | null;
  return st?.childId ? { childId: st.childId, childName: st.childName ?? 'Your child' } : null;
}

/** The caller's own relation: the family records its own decision, never someone else's. */
export function useRelation(): 'PARENT' | 'YOUNG_PERSON' {
  const { user } = useSession();
  return user?.roles.includes('young_person') ? 'YOUNG_PERSON' : 'PARENT';
}

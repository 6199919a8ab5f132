// The whole caseload, page by page (myCaseload is paginated; a professional's caseload is small
// enough to hold in memory, and sorting overdue-first needs every child's clock).
import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { CASELOAD_PAGE } from './caseload-query';
import { errorsOf, type HubError } from '../api/errors';

export interface CaseloadChild {
  id: string;
  relationships: string[];
  education: any;
  health: { nhsNumber: string | null } | null;
  socialCare: { laChildId: string | null } | null;
  /** The family's correction requests to the caller's agency (null when the family service did not answer). */
  correctionRequests: { status: string }[] | null;
}

export function useCaseload() {
  const client = useApolloClient();
  const [state, setState] = useState<{ children: CaseloadChild[]; errors: HubError[]; loading: boolean; failed: boolean }>({
    children: [],
    errors: [],
    loading: true,
    failed: false,
  });
  useEffect(() => {
    let live = true;
    (async () => {
      const children: CaseloadChild[] = [];
      const errors: HubError[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res: any = await client.query({ query: CASELOAD_PAGE, variables: { first: 100, after } });
        const base = children.length;
        errors.push(
          ...errorsOf(res.error).map((e) =>
            e.path && typeof e.path[2] === 'number' ? { ...e, path: ['child', base + (e.path[2] as number), ...e.path.slice(4)] } : e,
          ),
        );
        const c = res.data?.myCaseload;
        if (!c) throw res.error ?? new Error('no caseload');
        children.push(...c.edges.map((e: any) => ({ ...e.node, relationships: e.relationships })));
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      if (live) setState({ children, errors, loading: false, failed: false });
    })().catch(() => live && setState((s) => ({ ...s, loading: false, failed: true })));
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}

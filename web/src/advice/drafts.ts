// Advice being written, kept in this tab's memory only: "Save as draft" survives moving between
// pages of the app, not closing the tab. Advice is health or social care data about a child, so
// it never goes to localStorage; a server-side draft store would need its own API (docs/web.md).
import type { DateParts } from '../govuk/DateInput';
import type { AdviceAgency } from './agency';

export interface AdviceDraft {
  requestId: string;
  agency: AdviceAgency;
  childId: string;
  childLabel: string;
  /** Set when amending: the advice to write a new version of. */
  adviceId?: string;
  version?: number;
  needs: string;
  outcomes: string;
  provision: string;
  provisionSection: string;
  authorName: string;
  authorRole: string;
  adviceDate: DateParts;
  /** One key per submission of this content: a retry or double click sends the same key. */
  idempotencyKey?: string;
  savedAt?: string;
}

const drafts = new Map<string, AdviceDraft>();

export const draftStore = {
  get: (requestId: string) => drafts.get(requestId),
  save(d: AdviceDraft) {
    drafts.set(d.requestId, d);
  },
  drop(requestId: string) {
    drafts.delete(requestId);
  },
};

export const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

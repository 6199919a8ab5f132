// The seven parts of plan section A, as the API names them, with the words the form uses; and the
// story being written, kept in this tab's memory only (a child's story never goes to storage).
import type { FieldError } from '../govuk/ErrorSummary';

export const STORY_PARTS = [
  { key: 'views', label: 'Views', hint: 'What your child thinks and feels, in their own words if you can.' },
  { key: 'interests', label: 'Interests', hint: 'What they enjoy and are good at.' },
  { key: 'aspirations', label: 'Hopes for the future', hint: 'What they, and you, hope for: now, and when they are older.' },
  { key: 'whatWorks', label: 'What works', hint: 'What helps them learn, stay calm and take part.' },
  { key: 'whatDoesNotWork', label: 'What does not work', hint: 'What upsets them or gets in the way.' },
  { key: 'communication', label: 'Communication', hint: 'How they communicate, and how others should communicate with them.' },
  { key: 'importantPeople', label: 'Important people', hint: 'Family, friends and others who matter to them.' },
] as const;

export type StoryKey = (typeof STORY_PARTS)[number]['key'];
export type StoryDraft = Record<StoryKey, string> & { idempotencyKey?: string };

export const MAX_PART = 5000;

export const emptyStory = (): StoryDraft => Object.fromEntries(STORY_PARTS.map((p) => [p.key, ''])) as StoryDraft;

export function storyProblems(d: StoryDraft): FieldError[] {
  const out: FieldError[] = [];
  if (STORY_PARTS.every((p) => !d[p.key].trim())) out.push({ field: 'views', message: 'Write at least one part of your story' });
  for (const p of STORY_PARTS) {
    if (d[p.key].length > MAX_PART)
      out.push({
        field: p.key,
        message: `${p.label} must be ${MAX_PART.toLocaleString('en-GB')} characters or fewer (it has ${d[p.key].length.toLocaleString('en-GB')})`,
      });
  }
  return out;
}

/** The API's argument (input.whatWorks) as this form's field. */
export function fieldOf(argument: string): string {
  return STORY_PARTS.find((p) => argument.endsWith(p.key))?.key ?? 'views';
}

const drafts = new Map<string, StoryDraft>();
export const storyDrafts = {
  get: (childId: string) => drafts.get(childId),
  save: (childId: string, d: StoryDraft) => void drafts.set(childId, d),
  drop: (childId: string) => void drafts.delete(childId),
};

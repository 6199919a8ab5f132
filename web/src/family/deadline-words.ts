// How the family's pages say a statutory deadline: the state of a step in words, and a span of days
// in weeks (the regulations count in weeks). Shared by the assessment's clock and the plan's reviews.
import { longDate, type Deadline } from '../assessment/clock';

export const TIMELINESS_WORDS: Record<string, string> = {
  IN_TIME: 'Done in time',
  LATE: 'Done late',
  LATE_WITH_EXCEPTION: 'Done late (an allowed exception)',
  NOT_YET_DUE: 'Not yet due',
  OVERDUE: 'Late: past its deadline',
  OVERDUE_WITH_EXCEPTION: 'Past its deadline (an allowed exception)',
  NOT_APPLICABLE: 'Not needed',
};

export function weeks(days: number): string {
  if (days < 7) return `${days} ${days === 1 ? 'day' : 'days'}`;
  const w = Math.round(days / 7);
  return `${w} ${w === 1 ? 'week' : 'weeks'}`;
}

export const isLate = (t: string) => t.startsWith('LATE') || t.startsWith('OVERDUE');

/** "Next deadline: …, by 3 March 2027 (in 5 weeks)." or "… was due by …: 2 weeks late." */
export function deadlineSentence(next: Deadline): string {
  return next.overdue
    ? `${next.what[0].toUpperCase()}${next.what.slice(1)} was due by ${longDate(next.dueOn)}: ${weeks(next.days)} late.`
    : `Next deadline: ${next.what.toLowerCase()}, by ${longDate(next.dueOn)} (in ${weeks(next.days)}).`;
}

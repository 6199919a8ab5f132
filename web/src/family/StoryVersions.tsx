// The current version of the story in full, and the earlier ones listed (each kept, never changed).
import { SummaryList } from '../govuk/SummaryList';
import { longDate } from '../assessment/clock';
import { STORY_PARTS } from './story-parts';

const by = (v: any) => (v.writtenAs === 'YOUNG_PERSON' ? 'the young person' : 'a parent or carer');

export function StoryVersions({ versions }: { versions: any[] }) {
  if (!versions.length)
    return (
      <p className="govuk-body" id="story-none">
        You have not written your story yet.
      </p>
    );
  const [current, ...earlier] = versions;
  return (
    <>
      <h2 className="govuk-heading-m" id="story-current">
        Current version: version {current.version}
      </h2>
      <p className="govuk-body">
        Written by {by(current)} on {longDate(current.writtenAt.slice(0, 10))}.
      </p>
      <SummaryList
        rows={STORY_PARTS.map((p) => ({
          key: p.label,
          value: current[p.key] ? <span className="app-pre-line">{current[p.key]}</span> : 'Not written',
        }))}
      />
      {earlier.length > 0 && (
        <>
          <h2 className="govuk-heading-s">Earlier versions</h2>
          <ul className="govuk-list govuk-list--bullet" id="story-earlier">
            {earlier.map((v) => (
              <li key={v.version}>
                Version {v.version}, written by {by(v)} on {longDate(v.writtenAt.slice(0, 10))}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

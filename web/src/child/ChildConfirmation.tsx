// The confirmation after a write about a child: GOV.UK's panel, what happens next, and the way back
// to the child's joint view.
import type { ReactNode } from 'react';
import { BackToJointView } from './BackToJointView';

export function ChildConfirmation({
  title,
  body,
  childId,
  children,
}: {
  title: string;
  body?: ReactNode;
  childId: string;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{title}</h1>
        {body && <div className="govuk-panel__body">{body}</div>}
      </div>
      {children}
      <p className="govuk-body">
        <BackToJointView childId={childId} inText />
      </p>
    </>
  );
}

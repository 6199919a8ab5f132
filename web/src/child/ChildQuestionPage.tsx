// A question page about one child: back to the child's joint view, the child's name as the caption.
import type { ComponentProps } from 'react';
import { QuestionPage } from '../govuk/QuestionPage';
import { BackToJointView } from './BackToJointView';

export function ChildQuestionPage({
  child,
  ...p
}: Omit<ComponentProps<typeof QuestionPage>, 'back' | 'caption'> & { child: { childId: string; name: string } }) {
  return <QuestionPage {...p} back={<BackToJointView childId={child.childId} />} caption={child.name} />;
}

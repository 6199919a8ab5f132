// Back to a child's joint view (the child in router state, never the address): as the page's back
// link, or as a link in the text of a confirmation.
import { Link } from 'react-router';

export function BackToJointView({ childId, inText }: { childId: string; inText?: boolean }) {
  return (
    <Link to="/child" state={{ id: childId }} className={inText ? 'govuk-link' : 'govuk-back-link'}>
      Back to the joint view
    </Link>
  );
}

// The top of every page about one child: back to the family home, the child's name, the heading,
// and links to the child's other pages (carrying the child in router state, not the address).
import { Link } from 'react-router';
import type { FamilyChild } from './child-state';
import { CHILD_PAGES } from './FamilyHome';

export function ChildHeader({ child, title, current }: { child: FamilyChild; title: string; current: string }) {
  return (
    <>
      <Link to="/family" className="govuk-back-link">
        Back to your children
      </Link>
      <span className="govuk-caption-l">{child.childName}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <nav aria-label={`Pages about ${child.childName}`} className="govuk-!-margin-bottom-6">
        <ul className="govuk-list app-inline-list">
          {CHILD_PAGES.map((p) => (
            <li key={p.to}>
              {p.to === current ? (
                <strong aria-current="page">{p.text}</strong>
              ) : (
                <Link className="govuk-link" to={p.to} state={child}>
                  {p.text}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

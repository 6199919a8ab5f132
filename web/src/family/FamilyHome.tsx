// The family's home: the children the signed-in parent, carer or young person is linked to, each
// with links to their pages. Names come from the child's education record when it is shown.
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { MY_CHILDREN } from './family-query';
import { usePageTitle } from '../app/usePageTitle';
import { useSession } from '../auth/session';
import { firstError } from '../api/errors';
import { Loading } from '../govuk/Loading';

export const CHILD_PAGES = [
  { to: '/family/record', text: 'Record', hint: 'What education, health and social care hold' },
  { to: '/family/assessment', text: 'Assessment', hint: 'Where the EHC needs assessment is, and its dates' },
  { to: '/family/corrections', text: 'Corrections', hint: 'Ask for something wrong to be put right' },
  { to: '/family/story', text: 'Story', hint: 'In your own words (EHC plan section A)' },
  { to: '/family/sharing', text: 'Sharing', hint: 'Who may see what, and changing it' },
  { to: '/family/who-looked', text: 'Who looked', hint: 'Every time a professional looked' },
];

export function childName(c: any): string {
  const e = c?.education;
  return e && (e.givenName || e.familyName) ? [e.givenName, e.familyName].filter(Boolean).join(' ') : 'Your child';
}

export function FamilyHome() {
  usePageTitle('Your children');
  const { user } = useSession();
  const { data, loading, error } = useQuery(MY_CHILDREN);
  const children: any[] = data?.myChildren ?? [];
  const self = user?.roles.includes('young_person');
  return (
    <>
      <h1 className="govuk-heading-l">{self ? 'Your record' : 'Your children'}</h1>
      {loading && <Loading />}
      {!loading && !children.length && (
        <p className="govuk-body">
          {error
            ? `Your children could not be loaded: ${firstError(error)?.message}`
            : 'No child is linked to your account yet. The professional who works with your child can invite you.'}
        </p>
      )}
      {children.map((c, i) => {
        const name = childName(c);
        return (
          <section className="govuk-!-margin-bottom-6" key={c.id} aria-labelledby={`child-${i}`}>
            <h2 className="govuk-heading-m" id={`child-${i}`}>
              {name}
            </h2>
            <ul className="govuk-list">
              {CHILD_PAGES.map((p) => (
                <li key={p.to}>
                  <Link className="govuk-link" to={p.to} state={{ childId: c.id, childName: name }}>
                    {p.text}
                    <span className="govuk-visually-hidden"> for {name}</span>
                  </Link>
                  <span className="govuk-hint govuk-!-margin-bottom-0">{p.hint}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

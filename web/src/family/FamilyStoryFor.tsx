// The family's story for one child, read only, where a professional works on the child's assessment
// or advice (the coordinator's assessment page, the advice form): so nobody asks the family again.
// Shown only as the family's consent allows; otherwise the section says it is withheld.
import { useQuery } from '@apollo/client/react';
import { gql } from '../api/gql';
import { STORY } from './family-query';
import { errorsOf } from '../api/errors';
import { FamilyStorySection } from './FamilyStorySection';

const FAMILY_STORY = gql`
  query FamilyStoryFor($id: ID!) {
    child(id: $id) {
      id
      familyStory { ${STORY} }
    }
  }
`;

export function FamilyStoryFor({ childId }: { childId: string }) {
  const { data, error, loading } = useQuery(FAMILY_STORY, { variables: { id: childId } });
  if (loading) return null;
  return <FamilyStorySection data={data} errors={errorsOf(error)} />;
}

import { gql } from '../api/gql';

export const MY_CHILDREN = gql`
  query MyChildren {
    myChildren {
      id
      education { givenName familyName }
    }
  }
`;

const STORY = 'version writtenAs writtenAt views interests aspirations whatWorks whatDoesNotWork communication importantPeople';

export const STORY_VERSIONS = gql`
  query FamilyStoryVersions($childId: ID!) {
    familyStoryVersions(childId: $childId) { ${STORY} }
  }
`;

export const WRITE_STORY = gql`
  mutation WriteFamilyStory($input: FamilyStoryInput!, $key: String) {
    story: writeFamilyStory(input: $input, idempotencyKey: $key) { version writtenAt }
  }
`;

const CONSENT = 'id decider method givenAt withdrawnAt provisions { effect categories agencies orgs purposes start end }';

export const CONSENTS = gql`
  query FamilyConsents($childId: ID!) {
    consents(childId: $childId) { ${CONSENT} }
  }
`;

export const WITHDRAW = gql`
  mutation WithdrawConsent($id: ID!) {
    withdrawConsent(id: $id) { id withdrawnAt }
  }
`;

export const RECORD_CONSENT = gql`
  mutation RecordConsent($input: ConsentInput!, $key: String) {
    recordConsent(input: $input, idempotencyKey: $key) { id }
  }
`;

const LOOK = 'at service organisation role purpose shown refused breakGlass';

export const WHO_LOOKED = gql`
  query WhoLooked($childId: ID!) {
    whoLooked(childId: $childId) {
      governance { ${LOOK} }
      education { ${LOOK} }
      health { ${LOOK} }
      socialCare { ${LOOK} }
      family { ${LOOK} }
    }
  }
`;

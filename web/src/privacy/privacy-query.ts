import { gql } from '../api/gql';

export const BREAK_GLASS_EVENTS = gql`
  query BreakGlassEvents($pendingOnly: Boolean) {
    breakGlassEvents(pendingOnly: $pendingOnly) {
      id
      childId
      userSub
      userOrg
      reason
      startedAt
      expiresAt
      reviewedAt
      reviewedBy
      reviewOutcome
    }
  }
`;

export const REVIEW = gql`
  mutation Review($id: ID!, $outcome: String!, $withheld: Boolean) {
    reviewBreakGlass(id: $id, outcome: $outcome, reasonWithheldFromFamily: $withheld) {
      id
      reviewedAt
      reviewOutcome
    }
  }
`;

const EVENT = 'seq at requestId actorSub actorOrg actorRoles purpose breakGlass entries { category decision basis reason }';
export const AUDIT_TRAIL = gql`
  query AuditTrail($childId: ID!) {
    auditTrail(childId: $childId) { childId education { ${EVENT} } health { ${EVENT} } socialCare { ${EVENT} } governance { ${EVENT} } }
  }
`;

export const RELATIONSHIP_CLAIMS = gql`
  query RelationshipClaims {
    relationshipClaims(pendingOnly: true) {
      id
      childId
      agency
      org
      userSub
      startDate
      endDate
      reason
    }
  }
`;

export const REVIEW_CLAIM = gql`
  mutation ReviewClaim($id: ID!, $outcome: String!, $endNow: Boolean) {
    reviewRelationshipClaim(id: $id, outcome: $outcome, endNow: $endNow) {
      id
      reviewedAt
      endDate
    }
  }
`;

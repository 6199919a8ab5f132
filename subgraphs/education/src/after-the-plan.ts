// Everything after the plan is made (issue #15), gathered so the subgraph's resolver map takes it
// in one line per type: plan issues and ceasing, annual reviews, SEN support, the SEN2 return (built, and received from the LA's SEN case system).
import { planResolvers } from './plans/resolvers';
import { reviewResolvers } from './reviews/resolvers';
import { senSupportResolvers } from './sen-support/resolvers';
import { sen2Resolvers } from './sen2/resolvers';
import { sen2IngestResolvers } from './ingest/sen2/resolvers';
import type { Resolvers } from './generated/graphql';

export const afterThePlan: Resolvers = {
  Query: { ...reviewResolvers.Query, ...sen2Resolvers.Query },
  Mutation: { ...planResolvers.Mutation, ...reviewResolvers.Mutation, ...senSupportResolvers.Mutation, ...sen2IngestResolvers.Mutation },
  EducationRecord: { ...senSupportResolvers.EducationRecord, ...sen2IngestResolvers.EducationRecord },
  EhcPlan: { ...planResolvers.EhcPlan, ...reviewResolvers.EhcPlan },
  PlanIssue: planResolvers.PlanIssue,
};

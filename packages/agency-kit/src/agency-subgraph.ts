// An agency's subgraph states only what is its own: its SDL files, the shared code lists they use,
// its resolvers, migrations and loaders. What every agency has is added here once: the Child
// entity's key and its record field, the agency's commissioned-services list (open ones) and its
// Open Referral UK directory feed, its part of each child's audit trail and "who looked", the
// pseudonymised commissioning extract, the outbox, and EHC advice for the agencies that give it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { mergeResolvers } from '@graphql-tools/merge';
import type { IResolvers } from '@graphql-tools/utils';
import {
  AUDIT_SDL,
  CLASSIFICATION_SDL,
  commissionedServiceSdl,
  FEDERATION_LINK,
  sharedEnums,
  type Agency,
  type SubgraphName,
} from '@hub/schema';
import type { Db } from '@hub/runtime/db';
import type { MigrationClass } from '@hub/runtime/migrate';
import type { SubgraphContext, SubgraphDefinition } from '@hub/host/subgraph';
import { adviceResolvers } from '@hub/advice/resolvers';
import { adviceSdl } from '@hub/advice/sdl';
import { type AdviceAgency } from '@hub/advice/config';
import { childAuditSdl, auditTrailResolvers } from '@hub/host/audit-trail/trail-resolvers';
import { commissioningExtractSdl, withCommissioningExtract, type AgencyExtract } from './commissioning/extract';
import { LIST_OPEN_SERVICES_SQL, serviceResolvers } from './commissioned-services';
import { openReferralResolvers, openReferralSdl } from '@hub/ingest/open-referral/ingest';

export interface AgencySubgraph<L> {
  name: SubgraphName;
  agency: Agency;
  /** The agency's source folder (its `__dirname`); `sdlFiles` are read from it. */
  dir: string;
  sdlFiles: readonly string[];
  /** SDL built in TypeScript (generated pieces such as plan-section enums). */
  sdl?: readonly string[];
  /** Code lists from schema/ that its SDL uses (sharedEnums). */
  enums: readonly Parameters<typeof sharedEnums>[number][];
  /** The Child field that holds this agency's record (`health`); it also names its audit-trail part and its services list (`healthServices`). */
  recordField: string;
  /** For an agency that gives EHC advice: its advice operations and types. */
  advice?: AdviceAgency;
  extract: AgencyExtract<any>;
  /** Resolver maps (each typed by the agency's generated `Resolvers`), merged in order: later ones add to, or override, earlier ones. */
  resolvers: readonly IResolvers[];
  migrations: MigrationClass[];
  loaders: (db: Db) => L;
}

/** What every agency's record loader offers: the record of each child in the request, batched. */
type RecordLoaders = { record: { load(id: string): Promise<unknown> } };

export function defineAgencySubgraph<L extends RecordLoaders>(a: AgencySubgraph<L>): SubgraphDefinition<L> & { sdl: string } {
  const sdl = [
    FEDERATION_LINK,
    ...a.sdlFiles.map((f) => readFileSync(join(a.dir, f), 'utf8')),
    ...(a.sdl ?? []),
    sharedEnums(...a.enums),
    ...(a.advice ? [adviceSdl(a.advice)] : []),
    commissionedServiceSdl(a.agency),
    openReferralSdl(a.agency),
    CLASSIFICATION_SDL,
    AUDIT_SDL,
    childAuditSdl(a.recordField),
    commissioningExtractSdl(a.name),
  ].join('\n\n');
  type Ctx = SubgraphContext<L>;
  const shared = {
    Query: { [`${a.recordField}Services`]: (_: unknown, __: unknown, ctx: Ctx) => ctx.db.query(LIST_OPEN_SERVICES_SQL) },
    Mutation: openReferralResolvers(a.agency),
    Child: {
      // Keep the whole representation: it carries the signed access context the guard decides on.
      __resolveReference: (ref: { id: string; accessContext?: string }) => ref,
      [a.recordField]: (child: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.record.load(child.id),
    },
    ...serviceResolvers(a.agency),
    ...auditTrailResolvers(a.recordField, a.name),
  };
  const merged = mergeResolvers([shared, ...(a.advice ? [adviceResolvers(a.advice)] : []), ...a.resolvers]);
  return {
    name: a.name,
    agency: a.agency,
    sdl,
    typeDefs: parse(sdl),
    resolvers: withCommissioningExtract(merged, a.extract),
    migrations: a.migrations,
    loaders: a.loaders,
    outbox: {},
  };
}

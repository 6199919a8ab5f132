// The seed package: the cross-agency population model, the synthetic generator, the catalogue of
// commissioned services, demo users, and the writers that store a population in the four databases.
export * from './model';
export { generatePopulation, REFERENCE_DATE, type GenerateOptions } from './synthetic';
export { CATALOGUE, LAS, servicesFor } from './catalogue';
export { DEMO_USERS, type DemoUser } from './users';
export * from './demo';
export { Random } from './random';
export {
  writePopulation,
  writeCatalogue,
  isEmpty,
  truncateAll,
  countRows,
  StorageMapper,
  DEFAULT_BATCH_SIZE,
  type DatabaseUrls,
  type WriteOptions,
  type WriteResult,
} from './writers';
export { createProgress, formatBar, type Progress, type ProgressOptions } from './progress';
export {
  prepareDatabases,
  seed,
  databaseUrl,
  databaseUrls,
  createDatabase,
  dropDatabase,
  canConnect,
  parseArgs,
  MIGRATIONS,
  DEFAULT_CHILDREN,
  DEFAULT_SEED,
  type SeedOptions,
  type SeedResult,
  type CliOptions,
} from './cli';
export { DEMO_CONSENTS, writeDemoAccess } from './demo-access';
export { fhirBundle, TRUST_SYSTEMS, type FhirBundleOptions } from './formats/fhir-bundle';
export { cinCensus, fitsCinCensus, type CinCensusOptions } from './formats/cin-census';
export { sen2Return, sen2SourceOf, type Sen2ReturnOptions } from './formats/sen2-return';
export { ssda903, fitsSsda903, type Ssda903Options } from './formats/ssda903';
export { commonTransferFile, ctfSupportStart, fitsCtf, type CtfOptions } from './formats/ctf';
export { openReferralServices } from './formats/open-referral';

export * from './config';
export { adviceSdl } from './sdl';
export { adviceTablesSql, DROP_ADVICE_TABLES_SQL } from './tables';
export { adviceResolvers } from './resolvers';
export { adviceLoaders, type AdviceLoaders } from './repository';

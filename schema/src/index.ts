export * from './codes';
export * from './identifiers';
export * from './dates';
export * from './sdl';
export * from './services';
export { SUPERGRAPH_PATH, readSupergraph } from './supergraph';
export * from './ehc-clock';
export * from './organisations';
export * from './commissioning';

export * from './types';
export * from './capacity';
export * from './decide';
export * from './visibility';
export * from './family';
export * from './corrections';

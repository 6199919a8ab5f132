export * from './types';
export * from './capacity';
export * from './decide';

export * from './key';
export * from './extract';
export * from './layout';

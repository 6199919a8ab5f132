import { ChildIndex } from './1763830000000-child-index';

export const migrations = [ChildIndex];

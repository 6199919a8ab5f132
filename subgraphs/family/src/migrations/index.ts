import { Audit, FamilyStory } from './1765100000000-family-story';

export const migrations = [FamilyStory, Audit];

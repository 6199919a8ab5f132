import { Audit, FamilyStory } from './1765100000000-family-story';
import { CorrectionRequests } from './1765300000000-correction-requests';

export const migrations = [FamilyStory, Audit, CorrectionRequests];

import type { SubgraphDefinition } from '@hub/host/subgraph';
import type { SubgraphName } from '@hub/schema';
import { governance } from '../../subgraphs/governance/src';
import { education } from '../../subgraphs/education/src';
import { health } from '../../subgraphs/health/src';
import { socialCare } from '../../subgraphs/social-care/src';
import { commissioning } from '../../subgraphs/commissioning/src';
import { family } from '../../subgraphs/family/src';

export const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = {
  governance,
  education,
  health,
  'social-care': socialCare,
  family,
  commissioning,
};

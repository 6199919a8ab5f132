import { runSubgraphProcess } from '@hub/common';
import { health } from './index';

void runSubgraphProcess(health);

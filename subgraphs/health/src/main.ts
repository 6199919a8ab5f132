import { runSubgraphProcess } from '@hub/host/main';
import { health } from './index';

void runSubgraphProcess(health);

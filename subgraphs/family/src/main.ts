import { runSubgraphProcess } from '@hub/host/main';
import { family } from './index';

void runSubgraphProcess(family);

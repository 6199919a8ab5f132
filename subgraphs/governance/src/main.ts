import { runSubgraphProcess } from '@hub/host/main';
import { governance } from './index';

void runSubgraphProcess(governance);

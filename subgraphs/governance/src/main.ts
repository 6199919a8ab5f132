import { runSubgraphProcess } from '@hub/common';
import { governance } from './index';

void runSubgraphProcess(governance);

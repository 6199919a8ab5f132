import { runSubgraphProcess } from '@hub/common';
import { family } from './index';

void runSubgraphProcess(family);

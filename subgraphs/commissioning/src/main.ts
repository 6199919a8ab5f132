import { runSubgraphProcess } from '@hub/common';
import { commissioning } from './index';

void runSubgraphProcess(commissioning);

import { runSubgraphProcess } from '@hub/host/main';
import { commissioning } from './index';

void runSubgraphProcess(commissioning);

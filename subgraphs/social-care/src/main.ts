import { runSubgraphProcess } from '@hub/host/main';
import { socialCare } from './index';

void runSubgraphProcess(socialCare);

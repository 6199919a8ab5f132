import { runSubgraphProcess } from '@hub/common';
import { socialCare } from './index';

void runSubgraphProcess(socialCare);

import { runSubgraphProcess } from '@hub/host/main';
import { education } from './index';

void runSubgraphProcess(education);

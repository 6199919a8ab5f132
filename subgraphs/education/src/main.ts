import { runSubgraphProcess } from '@hub/common';
import { education } from './index';

void runSubgraphProcess(education);

import 'reflect-metadata';
import { loadSubgraphConfig, runProcess, startSubgraph } from '../../shared/src';
import { complaintsSubgraph } from './subgraph';

runProcess(() => startSubgraph(complaintsSubgraph, loadSubgraphConfig('complaints', 4003)));

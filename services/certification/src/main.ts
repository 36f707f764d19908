import 'reflect-metadata';
import { loadSubgraphConfig, runProcess, startSubgraph } from '../../shared/src';
import { certificationSubgraph } from './subgraph';

runProcess(() => startSubgraph(certificationSubgraph, loadSubgraphConfig('certification', 4002)));

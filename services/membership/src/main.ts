import 'reflect-metadata';
import { loadSubgraphConfig, runProcess, startSubgraph } from '../../shared/src';
import { membershipSubgraph } from './subgraph';

runProcess(() => startSubgraph(membershipSubgraph, loadSubgraphConfig('membership', 4001)));

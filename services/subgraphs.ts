import type { SubgraphDefinition } from './shared/src';
import { certificationSubgraph } from './certification/src/subgraph';
import { complaintsSubgraph } from './complaints/src/subgraph';
import { membershipSubgraph } from './membership/src/subgraph';

/** A subgraph as the registry sees it: its loaders' type does not matter here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraph = SubgraphDefinition<any, any>;

/** Every subgraph of the graph, with its port in development; the start script, schema script and tests read this. */
export const SUBGRAPHS: { definition: AnySubgraph; port: number; main: string }[] = [
  { definition: membershipSubgraph, port: 4001, main: 'services/membership/src/main' },
  { definition: certificationSubgraph, port: 4002, main: 'services/certification/src/main' },
  { definition: complaintsSubgraph, port: 4003, main: 'services/complaints/src/main' },
];

// The enum `Standing` is registered once for every subgraph in services/shared/src/shared-types.ts.
export { Standing } from './standing.rules';

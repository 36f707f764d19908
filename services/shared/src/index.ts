/**
 * The shared mechanics of every subgraph and the gateway. It holds no domain rules; besides mechanics, only
 * the vocabulary several subgraphs must declare alike (shared-types.ts, code-provisions.ts, code-sections.ts,
 * countries.ts, the columns of dated history entries in dated-history.ts). The fictional sample organizations (sample-organizations.ts) are imported by path, by the
 * sample data alone, so that no process loads them otherwise.
 */
export * from './auth';
export * from './batches';
export * from './cache-hints';
export * from './config';
export * from './context';
export * from './countries';
export * from './database';
export * from './entity-rows';
export * from './dated-history';
export * from './dates';
export * from './csv';
export * from './errors';
export * from './import-checks';
export * from './server';
export * from './loaders';
export * from './logger';
export * from './metrics';
export * from './migration-columns';
export * from './pagination';
export * from './nested-pages';
export * from './peer';
export * from './scalars';
export * from './schedule';
export * from './signing';
export * from './subgraph';
export * from './tokens';
export * from './tracing';
export * from './unicode';
export * from './uploads';
export * from './validation';
export * from './versioning';
export * from './viewer-dependent';
export * from './code-sections';
export * from './code-provisions';
export * from './shared-types';

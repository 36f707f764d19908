/** The shared mechanics of every subgraph and the gateway; it holds no domain. */
export * from './auth';
export * from './config';
export * from './context';
export * from './countries';
export * from './database';
export * from './errors';
export * from './http';
export * from './loaders';
export * from './logger';
export * from './pagination';
export * from './peer';
export * from './scalars';
export * from './schedule';
export * from './signing';
export * from './subgraph';
export * from './validation';

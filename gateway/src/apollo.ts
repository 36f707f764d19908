import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloGateway } from '@apollo/gateway';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createErrorFormatter, logsAt, requestLogPlugin, type Logger, type ProcessMetrics } from '../../services/shared/src';
import type { GatewayConfig } from './config';
import { partialAnswersPlugin } from './partial-answers';
import type { GatewayContext } from './subgraph-source';

interface GatewayApolloOptions {
  gateway: ApolloGateway;
  config: Pick<GatewayConfig, 'environment' | 'introspection' | 'logLevel' | 'documentCacheMiB'>;
  logger: Logger;
  metrics: ProcessMetrics | undefined;
  /** Apollo's APQ cache (the limits read it too). */
  persistedQueries: KeyValueCache<string>;
  /** The caching of public answers (answer-cache.ts), between the metrics and the cache-control headers. */
  cachePlugins: ApolloServerPlugin<GatewayContext>[];
}

/**
 * The Apollo server that plans each client operation across the subgraphs: the query limits it validates,
 * partial answers, request log, metrics, caching of public answers, and Sandbox in development only.
 */
export function createApollo({ gateway, config, logger, metrics, persistedQueries, cachePlugins }: GatewayApolloOptions): ApolloServer<GatewayContext> {
  const production = config.environment === 'production';
  // Limits are counted here, where client operations arrive (type-graphql's complexity does not survive federation).
  // Tokens, nesting and the cost with the variables (lists counted by their size) are checked before Apollo
  // parses and validates a document (operation-checks.ts, operation-cost.ts): all answer 400 like these.
  const armor = new ApolloArmor({
    // Depth counts selections (a fragment spread is no level of its own); every alias counts, `__typename`'s too.
    maxDepth: { n: 12, flattenFragments: true },
    maxAliases: { n: 20, allowList: [] },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // runProcess stops the process on signals; Apollo's own handlers would race it (in production only).
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: createErrorFormatter(logger),
    persistedQueries: { cache: persistedQueries },
    // Parsed and validated documents, so that an operation seen before skips both (Apollo's default is 30 MiB).
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.documentCacheMiB * 2 ** 20 }),
    plugins: [
      partialAnswersPlugin(),
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      // Its line is written at info: below that level, its hooks would run on every request for nothing.
      ...(logsAt(config.logLevel, 'info') ? [requestLogPlugin() as unknown as ApolloServerPlugin<GatewayContext>] : []),
      ...(metrics ? [metrics.plugin<GatewayContext>()] : []),
      ...cachePlugins,
      ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
}

import type { FastifyPluginAsync } from 'fastify';

interface HealthOptions {
  /** The subgraphs the gateway plans over, with the URL it reaches each at. */
  subgraphs: readonly { name: string; url: string }[];
  /** Whether the supergraph is loaded and the gateway is not stopping. */
  ready(): boolean;
}

/**
 * `/health/live`, `/health/ready` and `/health`: what an orchestrator and an operator ask of the gateway.
 * Separate because they answer about the process and the subgraphs behind it, never about the graph.
 */
export const health: FastifyPluginAsync<HealthOptions> = async (app, { subgraphs, ready }) => {
  // Liveness: the process runs. Readiness: the supergraph is loaded and the gateway is not stopping;
  // a subgraph down does not make it unready (its part of each answer is reported missing, the rest stands).
  app.get('/health/live', async () => ({ status: 'ok', service: 'gateway' }));
  app.get('/health/ready', async (_request, reply) =>
    ready() ? { status: 'ready', service: 'gateway' } : reply.code(503).send({ status: 'unavailable', service: 'gateway' }),
  );
  // Public summary: says whether each subgraph answers, never where it is (internal host names stay internal).
  app.get('/health', async (_request, reply) => {
    const results = await Promise.all(
      subgraphs.map(async ({ name, url }) => {
        try {
          const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
          return [name, { reachable: response.ok }] as const;
        } catch {
          return [name, { reachable: false }] as const;
        }
      }),
    );
    const allReachable = results.every(([, result]) => result.reachable);
    return reply.code(allReachable ? 200 : 503).send({ status: allReachable ? 'ok' : 'degraded', subgraphs: Object.fromEntries(results) });
  });
};

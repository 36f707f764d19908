import type { FastifyPluginAsync } from 'fastify';

interface JwksOptions {
  /** The certification subgraph's URL (it signs the receipts), or undefined when the supergraph has none. */
  signerUrl: string | undefined;
}

/**
 * `/.well-known/jwks.json`: the public halves of the receipt signer's keys, so a verifier checks a receipt
 * at the graph's own address. Separate because it is a proxy with a cache of its own, not part of the graph.
 */
export const jwks: FastifyPluginAsync<JwksOptions> = async (app, { signerUrl }) => {
  let cached: { body: unknown; until: number } | undefined;
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    if (!cached || cached.until < Date.now()) {
      try {
        if (!signerUrl) throw new Error('no signer');
        const response = await fetch(new URL('/.well-known/jwks.json', signerUrl), { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`status ${response.status}`);
        cached = { body: await response.json(), until: Date.now() + 60_000 };
      } catch {
        return reply.code(503).send({ error: 'the signing keys are not available right now' });
      }
    }
    return reply.header('cache-control', 'public, max-age=60').send(cached.body);
  });
};

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { inRequestScope, REQUEST_ID_HEADER } from './context';

const MAX_BODY_BYTES = 1_000_000;

/**
 * A route besides `/graphql` (health, JWKS): answers or returns false to pass. Routes are answered
 * before the gateway-secret check, so they must serve only what is public.
 */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves an Apollo Server on Node's own http module: `/graphql` (and `/`, where Sandbox lives) go to
 * Apollo, `routes` answer the rest. Apollo's standalone server has no room for extra routes.
 */
export function createHttpServer<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  publicRoutes: Route[] = [],
  gate?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      for (const route of publicRoutes) if (await route(req, res)) return;
      if (url.pathname !== '/graphql' && url.pathname !== '/') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      if (gate && !gate(req, res)) return;
      const raw = await readBody(req);
      if (raw === null) {
        sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = raw;
      if ((headers.get('content-type') ?? '').includes('application/json') && raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, { errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
      const result = await inRequestScope(headers.get(REQUEST_ID_HEADER), () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
          context: () => context(req),
        }),
      );
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}

/** Listens on `port` (0 picks a free one) and resolves the URL of its `/graphql`. */
export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({ url: `http://localhost:${actual}/graphql`, port: actual });
    });
  });
}

/** Stops accepting connections, lets requests in flight finish, then drops idle keep-alive sockets. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';

const PUBLIC_ANSWER = /^max-age=(\d+), public$/;

interface Entry {
  body: string;
  contentType: string;
  cacheControl: string;
  storedAt: number;
  expiresAt: number;
}

/**
 * The gateway's edge cache: whole public answers to GET requests, kept by URL for their max-age and
 * served before Apollo runs, as a CDN in front of the gateway would serve them. It holds only what
 * Apollo itself marked `max-age=N, public` (so never an answer with a token, a restricted field, a
 * receipt or an error), answers only requests that carry no token and pass Apollo's CSRF rule, and
 * is emptied by any mutation through this gateway. Apollo's response cache, behind it, serves the
 * same public answers to POST requests.
 */
export class EdgeCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The key of a request this cache may answer, or null. */
  keyOf(request: FastifyRequest): string | null {
    if (request.method !== 'GET' || request.headers.authorization) return null;
    // Apollo's CSRF prevention: a GET must show it is not a "simple" cross-site request.
    const preflighted = Boolean(request.headers['apollo-require-preflight'] || request.headers['x-apollo-operation-name']);
    if (!preflighted) return null;
    return `${request.headers.accept ?? ''}\u0000${request.url}`;
  }

  /** Answers `request` from the cache when it can; true when it did. */
  answer(key: string, reply: FastifyReply): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    const now = Date.now();
    if (entry.expiresAt <= now) {
      this.remove(key, entry);
      return false;
    }
    void reply
      .header('content-type', entry.contentType)
      .header('cache-control', entry.cacheControl)
      .header('age', String(Math.floor((now - entry.storedAt) / 1000)))
      .send(entry.body);
    return true;
  }

  /** Keeps Apollo's answer to `key` when Apollo marked it public. */
  keep(key: string, reply: FastifyReply, body: string): void {
    if (reply.statusCode !== 200) return;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    const maxAge = Number(PUBLIC_ANSWER.exec(cacheControl)?.[1] ?? 0);
    if (maxAge <= 0 || body.length > this.maxBytes / 16) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const now = Date.now();
    this.entries.set(key, {
      body,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      cacheControl,
      storedAt: now,
      expiresAt: now + maxAge * 1000,
    });
    this.bytes += body.length;
    // Oldest first out (a Map keeps insertion order).
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldKey, oldEntry);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Invalidations } from './cache-invalidations';

const PUBLIC_ANSWER = /^max-age=(\d+), public$/;
/** The query-string parameters of a GraphQL GET; any other does not change the answer, so it is left out of the key. */
const ANSWER_PARAMETERS = new Set(['query', 'variables', 'operationName', 'extensions']);
const PLAIN_NAME = /^[A-Za-z0-9_.~-]*$/;
/** What an entry costs beyond its key, body and headers: the Map slot, the entry object, its tag list. */
const ENTRY_OVERHEAD_BYTES = 256;

/** The defaults of EDGE_CACHE_MAX_ENTRIES and EDGE_CACHE_MAX_BYTES. */
export const EDGE_CACHE_DEFAULTS = { maxEntries: 10_000, maxBytes: 32 * 1024 * 1024 };

export interface EdgeCacheLimits {
  maxEntries: number;
  /** Keys, answers, headers and each entry's overhead, counted together. */
  maxBytes: number;
}

/** What the cache holds, by its own accounting. */
export interface EdgeCacheStats extends EdgeCacheLimits {
  entries: number;
  bytes: number;
}

/** What the gateway learned of an answer while Apollo computed it: the tags it shows, and the invalidation counter before it ran. */
export interface AnswerNote {
  tags?: readonly string[];
  snapshot?: number;
}

interface Entry {
  body: string;
  contentType: string;
  cacheControl: string;
  storedAt: number;
  expiresAt: number;
  tags: readonly string[];
  snapshot: number;
  bytes: number;
}

/**
 * The gateway's edge cache: whole public answers to GET requests, kept for their max-age and served
 * before Apollo runs, as a CDN in front of the gateway would serve them. It holds only what Apollo
 * itself marked `max-age=N, public` (so never an answer with a token, a restricted field, a receipt or
 * an error), answers only requests that carry no token and pass Apollo's CSRF rule, and drops an
 * answer once a mutation changed something it shows (its tags, see cache-tags.ts). Keys are hashes of
 * the parameters that make the answer, so a request's size does not enter the cache; entries and
 * bytes are both bounded, the least recently used going first. Apollo's response cache, behind it,
 * serves the same public answers to POST requests.
 */
export class EdgeCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly limits: EdgeCacheLimits;

  constructor(
    private readonly invalidations: Invalidations,
    limits: Partial<EdgeCacheLimits> = {},
  ) {
    this.limits = { ...EDGE_CACHE_DEFAULTS, ...limits };
  }

  /** The key of a request this cache may answer, or null. */
  keyOf(request: FastifyRequest): string | null {
    if (request.method !== 'GET' || request.headers.authorization) return null;
    // Apollo's CSRF prevention: a GET must show it is not a "simple" cross-site request.
    const preflighted = Boolean(request.headers['apollo-require-preflight'] || request.headers['x-apollo-operation-name']);
    if (!preflighted) return null;
    const queryAt = request.url.indexOf('?');
    const hash = createHash('sha256').update(queryAt < 0 ? request.url : request.url.slice(0, queryAt));
    // Another Accept header may get another content type from Apollo.
    hash.update(`\u0000${request.headers.accept ?? ''}`);
    // The answer's parameters as sent (not decoded: two spellings never share an entry), in their order.
    if (queryAt >= 0) {
      for (const part of request.url.slice(queryAt + 1).split('&')) {
        const equals = part.indexOf('=');
        const name = equals < 0 ? part : part.slice(0, equals);
        // Only a plainly spelled other name is left out: `%71uery` is `query` once decoded.
        if (ANSWER_PARAMETERS.has(name) || !PLAIN_NAME.test(name)) hash.update(`\u0000${part}`);
      }
    }
    return hash.digest('base64url');
  }

  /** Answers `request` from the cache when it can; true when it did. */
  answer(key: string, reply: FastifyReply): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    const now = Date.now();
    if (entry.expiresAt <= now || !this.invalidations.fresh(entry.tags, entry.snapshot)) {
      this.remove(key, entry);
      return false;
    }
    // Most recently used last: the first entries of the Map are the ones to go.
    this.entries.delete(key);
    this.entries.set(key, entry);
    void reply
      .header('content-type', entry.contentType)
      .header('cache-control', entry.cacheControl)
      .header('age', String(Math.floor((now - entry.storedAt) / 1000)))
      .send(entry.body);
    return true;
  }

  /** Keeps Apollo's answer to `key` when Apollo marked it public and nothing it shows changed while it was computed. */
  keep(key: string, reply: FastifyReply, body: string, note: AnswerNote = {}): void {
    if (reply.statusCode !== 200 || !note.tags || note.snapshot === undefined) return;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    // An answer from Apollo's response cache is already `age` seconds old.
    const maxAge = Number(PUBLIC_ANSWER.exec(cacheControl)?.[1] ?? 0) - Number(reply.getHeader('age') ?? 0);
    if (!(maxAge > 0) || !this.invalidations.fresh(note.tags, note.snapshot)) return;
    const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    const bytes = key.length + Buffer.byteLength(body) + contentType.length + cacheControl.length + note.tags.length * 8 + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.limits.maxBytes / 16) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const now = Date.now();
    this.entries.set(key, { body, contentType, cacheControl, storedAt: now, expiresAt: now + maxAge * 1000, tags: note.tags, snapshot: note.snapshot, bytes });
    this.bytes += bytes;
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes <= this.limits.maxBytes && this.entries.size <= this.limits.maxEntries) break;
      this.remove(oldKey, oldEntry);
    }
  }

  stats(): EdgeCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, ...this.limits };
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

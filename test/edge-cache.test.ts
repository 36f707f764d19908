import { describe, expect, it, vi } from 'vitest';
import { EdgeCache } from '../gateway/src/edge-cache';

/** The gateway's edge cache on its own: what it keeps, for how long, and what it never answers. */
function request(headers: Record<string, string> = {}, method = 'GET', url = '/graphql?query=%7B__typename%7D') {
  return { method, url, headers: { 'apollo-require-preflight': 'true', ...headers } } as never;
}

function reply(status = 200, headers: Record<string, string> = {}) {
  const sent: { headers: Record<string, string>; body?: string } = { headers: {} };
  const fake = {
    statusCode: status,
    getHeader: (name: string) => headers[name],
    header(name: string, value: string) {
      sent.headers[name] = value;
      return fake;
    },
    send(body: string) {
      sent.body = body;
      return fake;
    },
  };
  return { reply: fake as never, sent };
}

describe('the edge cache', () => {
  it('keeps only answers Apollo marked public, and answers only preflighted GETs without a token', () => {
    const cache = new EdgeCache();
    expect(cache.keyOf(request({}, 'POST'))).toBeNull();
    expect(cache.keyOf(request({ authorization: 'Bearer x' }))).toBeNull();
    expect(cache.keyOf(request({ 'apollo-require-preflight': '' }))).toBeNull();
    const key = cache.keyOf(request())!;
    cache.keep(key, reply(200, { 'cache-control': 'no-store' }).reply, '{"data":{}}');
    cache.keep(key, reply(400, { 'cache-control': 'max-age=60, public' }).reply, '{"errors":[]}');
    expect(cache.answer(key, reply().reply)).toBe(false);
    cache.keep(key, reply(200, { 'cache-control': 'max-age=60, public', 'content-type': 'application/json' }).reply, '{"data":{"a":1}}');
    const hit = reply();
    expect(cache.answer(key, hit.reply)).toBe(true);
    expect(hit.sent).toEqual({
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60, public', age: '0' },
      body: '{"data":{"a":1}}',
    });
    // Another Accept header may get another content type from Apollo: another entry.
    expect(cache.keyOf(request({ accept: 'application/graphql-response+json' }))).not.toBe(key);
  });

  it('forgets an answer at its max-age, and the oldest answers first when full', () => {
    vi.useFakeTimers();
    try {
      const cache = new EdgeCache(64);
      const keep = (url: string, body: string) =>
        cache.keep(cache.keyOf(request({}, 'GET', url))!, reply(200, { 'cache-control': 'max-age=2, public' }).reply, body);
      keep('/graphql?a', 'a'.repeat(3));
      vi.advanceTimersByTime(2001);
      expect(cache.answer(cache.keyOf(request({}, 'GET', '/graphql?a'))!, reply().reply)).toBe(false);
      keep('/graphql?b', 'b'.repeat(3));
      keep('/graphql?c', 'c'.repeat(3));
      for (let i = 0; i < 30; i += 1) keep(`/graphql?d${i}`, 'd'.repeat(3));
      expect(cache.answer(cache.keyOf(request({}, 'GET', '/graphql?b'))!, reply().reply)).toBe(false);
      expect(cache.answer(cache.keyOf(request({}, 'GET', '/graphql?d29'))!, reply().reply)).toBe(true);
      cache.clear();
      expect(cache.answer(cache.keyOf(request({}, 'GET', '/graphql?d29'))!, reply().reply)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

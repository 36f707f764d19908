import { Directive } from 'type-graphql';

/**
 * Cache hints (Apollo `@cacheControl`) on the schema. Public, non-personal data may be kept by any cache
 * (the gateway's response cache, a CDN, a browser) for up to a minute; `CACHE_MAX_AGE` can lower it.
 * Everything else is never cached: restricted fields say so through the auth checker, fields whose answer
 * depends on the caller through their entry in viewer-dependent.ts, and types without a hint default to
 * no caching at all.
 */
export const PUBLIC_MAX_AGE = 60;

/** On a type or field anyone may read and that names no person: cacheable by shared caches. */
export const PublicCache = (): ClassDecorator & PropertyDecorator & MethodDecorator =>
  Directive(`@cacheControl(maxAge: ${PUBLIC_MAX_AGE}, scope: PUBLIC)`);

/** On a wrapper type (an edge, page information): as cacheable as the field that holds it. */
export const InheritCache = (): ClassDecorator & PropertyDecorator & MethodDecorator => Directive('@cacheControl(inheritMaxAge: true)');

/** On a field whose answer must be fresh every time (a receipt signed at the moment asked). */
export const NeverCache = (): ClassDecorator & PropertyDecorator & MethodDecorator => Directive('@cacheControl(maxAge: 0)');

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  compactVerify,
  createLocalJWKSet,
  CompactSign,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { ConfigError } from './config';
import type { Logger } from './logger';

/**
 * Keys for signed documents anyone can check later (verification receipts): an Ed25519 key signs,
 * its public half and earlier public keys (rotation) are published as a JWKS, each by `kid`.
 */
export interface SigningKeys {
  kid: string;
  sign(payload: Record<string, unknown>, type: string): Promise<string>;
  /** Checks a compact JWS against every published key; null when it is not genuine. */
  verify(jws: string): Promise<Record<string, unknown> | null>;
  /** The public keys to publish at `/.well-known/jwks.json`. */
  jwks: { keys: JWK[] };
}

const publicPart = ({ kty, crv, x, kid }: JWK): JWK => ({ kty, crv, x, kid, alg: 'EdDSA', use: 'sig' });

function parseJson<T>(value: string, variable: string): T {
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new ConfigError(`${variable} must be JSON (a JWK, or a list of JWKs)`);
  }
}

/**
 * Reads the signing key from `RECEIPT_SIGNING_KEY` (a private Ed25519 JWK with a `kid`) and earlier
 * public keys from `RECEIPT_PREVIOUS_PUBLIC_KEYS` (a JSON list of JWKs). Outside production, without a
 * key, generates one once and keeps it in `dataDir` (so receipts stay checkable across restarts) and
 * says so; production refuses to start without one.
 */
export async function loadSigningKeys(options: {
  env: Readonly<Record<string, string | undefined>>;
  production: boolean;
  dataDir: string;
  logger: Logger;
  service: string;
}): Promise<SigningKeys> {
  let privateJwk: JWK;
  if (options.env.RECEIPT_SIGNING_KEY) {
    privateJwk = parseJson<JWK>(options.env.RECEIPT_SIGNING_KEY, 'RECEIPT_SIGNING_KEY');
    if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d) {
      throw new ConfigError(`${options.service}: RECEIPT_SIGNING_KEY must be a private Ed25519 JWK (kty OKP, crv Ed25519, d)`);
    }
  } else if (options.production) {
    throw new ConfigError(`${options.service}: production needs RECEIPT_SIGNING_KEY, the Ed25519 key that signs receipts`);
  } else {
    const file = path.join(options.dataDir, 'receipt-signing-key.development.json');
    if (existsSync(file)) {
      privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      privateJwk = await exportJWK(privateKey);
      privateJwk.kid = `dev-${(await calculateJwkThumbprint(privateJwk)).slice(0, 16)}`;
      mkdirSync(options.dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(privateJwk));
      chmodSync(file, 0o600);
    }
    options.logger.warn('using a development receipt signing key; set RECEIPT_SIGNING_KEY in production', {
      kid: privateJwk.kid,
      file,
    });
  }
  const kid = privateJwk.kid ?? `key-${(await calculateJwkThumbprint(privateJwk)).slice(0, 16)}`;
  privateJwk.kid = kid;
  const previous = options.env.RECEIPT_PREVIOUS_PUBLIC_KEYS
    ? parseJson<JWK[] | { keys: JWK[] }>(options.env.RECEIPT_PREVIOUS_PUBLIC_KEYS, 'RECEIPT_PREVIOUS_PUBLIC_KEYS')
    : [];
  const previousKeys = Array.isArray(previous) ? previous : previous.keys;
  if (previousKeys.some((key) => !key.kid || key.kid === kid)) {
    throw new ConfigError(`${options.service}: every key in RECEIPT_PREVIOUS_PUBLIC_KEYS needs its own kid`);
  }
  const jwks = { keys: [publicPart(privateJwk), ...previousKeys.map(publicPart)] };
  const key = await importJWK(privateJwk, 'EdDSA');
  const keySet = createLocalJWKSet(jwks);
  return {
    kid,
    jwks,
    sign: (payload, type) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: type })
        .sign(key),
    verify: async (jws) => {
      try {
        if (decodeProtectedHeader(jws).alg !== 'EdDSA') return null;
        const { payload } = await compactVerify(jws, keySet, { algorithms: ['EdDSA'] });
        const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
        return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';

/**
 * A certified OpenID Connect provider (the `oidc-provider` package) in-process, on a port of its own,
 * with one confidential client per caller of the graph. Tokens come from its real token endpoint
 * (client credentials) as RFC 9068 JWT access tokens for the graph's audience, their role and
 * organization claims shaped as Keycloak (`realm_access.roles`, `organization_id`) or Microsoft Entra
 * ID (`roles`, `organization_id`) shape them.
 */
export const GRAPH_AUDIENCE = 'https://graph.icoca.example';
export const OTHER_AUDIENCE = 'https://other-api.example';

/** How the provider's administrators set up each client (their client ids stand for real applications). */
export const CLIENTS = {
  /** The Secretariat's case-management console (Keycloak-shaped claims). */
  secretariatConsole: { shape: 'keycloak', roles: ['icoca-secretariat', 'offline_access'] },
  /** A member company's compliance portal, for Aegis Meridian (Keycloak-shaped). */
  aegisPortal: { shape: 'keycloak', roles: ['icoca-member'], organization: '5a3e0000-0000-4000-8000-000000000001' },
  /** A State procurement office's contract system, a partner (Keycloak-shaped). */
  procurementOffice: { shape: 'keycloak', roles: ['icoca-partner'], organization: 'partner-ministry-of-defence' },
  /** The same partner on Microsoft Entra ID (app roles in `roles`). */
  entraPartner: { shape: 'entra', roles: ['Icoca.Partner'], organization: 'partner-client-company' },
  /** An application with no role in the graph. */
  roleless: { shape: 'keycloak', roles: ['some-other-app-role'] },
} as const;
export type ClientName = keyof typeof CLIENTS;
export const CLIENT_SECRET = 'test-client-secret-of-enough-length-0123456789';

/** The graph's settings for tokens of this provider, Keycloak-shaped (as docs/operations.md documents them). */
export function keycloakSettings(issuer: string): Record<string, string> {
  return {
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: GRAPH_AUDIENCE,
    AUTH_ROLE_CLAIM: 'realm_access.roles',
    AUTH_ROLE_MAP: 'icoca-secretariat=secretariat,icoca-member=member,icoca-partner=partner',
    AUTH_ORGANIZATION_CLAIM: 'organization_id',
  };
}

/** The graph's settings for Entra ID-shaped tokens. */
export function entraSettings(issuer: string): Record<string, string> {
  return {
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: GRAPH_AUDIENCE,
    AUTH_ROLE_CLAIM: 'roles',
    AUTH_ROLE_MAP: 'Icoca.Secretariat=secretariat,Icoca.Member=member,Icoca.Partner=partner',
    AUTH_ORGANIZATION_CLAIM: 'organization_id',
  };
}

export interface SigningKey {
  privateJwk: JWK;
  kid: string;
}

async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }, kid };
}

export interface TestProvider {
  issuer: string;
  /** The key it signs with now. */
  signingKey: SigningKey;
  /** A token from the token endpoint, for `client` (client credentials), for `resource` (the graph by default). */
  token(client: ClientName, resource?: string): Promise<string>;
  /** A token signed by hand with `key` (the current one by default): for claims no client would get. */
  craft(claims: Omit<JWTPayload, 'exp'> & { exp?: number | null }, options?: { key?: SigningKey; alg?: string }): Promise<string>;
  /** Starts signing with a new key, and stops publishing the old one (restarting on the same address). */
  rotate(): Promise<SigningKey>;
  stop(): Promise<void>;
}

export async function startOidcProvider(): Promise<TestProvider> {
  const { default: Provider } = await import('oidc-provider');
  let server: Server | undefined;
  // A port of our own first, so that the issuer (which includes it) is known before the provider starts.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const issuer = `http://127.0.0.1:${port}`;
  let signingKey = await newSigningKey('key-1');

  const start = async () => {
    const provider = new Provider(issuer, {
      clients: Object.keys(CLIENTS).map((client_id) => ({
        client_id,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      jwks: { keys: [signingKey.privateJwk] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => GRAPH_AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => ({
            scope: 'graph',
            audience: resource,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      extraTokenClaims: async (_ctx: unknown, token: { clientId?: string }) => {
        const client = CLIENTS[token.clientId as ClientName];
        if (!client) return {};
        const organization = 'organization' in client ? { organization_id: client.organization } : {};
        return client.shape === 'keycloak' ? { realm_access: { roles: [...client.roles] }, ...organization } : { roles: [...client.roles], ...organization };
      },
    } as never);
    provider.proxy = false;
    const http = createServer(provider.callback());
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    server = http;
  };
  const stopServer = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await start();

  return {
    issuer,
    get signingKey() {
      return signingKey;
    },
    token: async (client, resource = GRAPH_AUDIENCE) => {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client, client_secret: CLIENT_SECRET, resource, scope: 'graph' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token for ${client}: ${body.error} ${body.error_description ?? ''}`);
      return body.access_token;
    },
    craft: async (claims, options = {}) => {
      const key = options.key ?? signingKey;
      const alg = options.alg ?? 'RS256';
      const now = Math.floor(Date.now() / 1000);
      const { exp, ...rest } = claims;
      const jwt = new SignJWT({ client_id: 'crafted', ...rest })
        .setProtectedHeader({ alg, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
        .setAudience((claims.aud as string | string[] | undefined) ?? GRAPH_AUDIENCE)
        .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : now);
      // `exp: null` leaves the expiry out altogether.
      if (exp !== null) jwt.setExpirationTime(typeof exp === 'number' ? exp : now + 300);
      return jwt.sign(await importJWK(key.privateJwk, alg));
    },
    rotate: async () => {
      await stopServer();
      signingKey = await newSigningKey(`key-${Date.now()}`);
      await start();
      return signingKey;
    },
    stop: stopServer,
  };
}

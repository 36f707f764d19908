import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGatewayConfig } from '../../gateway/src/config';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import {
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  loadSubgraphConfig,
  startSubgraph,
  type Role,
  type RunningSubgraph,
} from '../../services/shared/src';
import { SUBGRAPHS } from '../../services/subgraphs';
import { createMysqlDatabase, type DatabaseKind } from './databases';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface QueryOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** The whole graph, started in-process on free ports: every subgraph on its own database, and the gateway. */
export interface Stack {
  database: DatabaseKind;
  gatewayUrl: string;
  gatewayBaseUrl: string;
  subgraphs: Record<string, RunningSubgraph>;
  /** Where the subgraphs and the gateway write their JSON logs. */
  logFile: string;
  /** The JSON log lines every service wrote for one request id, once the writes have landed. */
  logLinesOf(requestId: string): Promise<Record<string, any>[]>;
  /** The secret each subgraph expects from the gateway. */
  gatewaySecret(name: string): string;
  /** POSTs an operation to the gateway, like any client. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  /** POSTs straight to one subgraph, bypassing the gateway (with the gateway's secret unless `withSecret` is false). */
  querySubgraph<T = Record<string, unknown>>(
    name: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions & { withSecret?: boolean },
  ): Promise<GraphQLResponse<T>>;
  token(role: Role, organizationId?: string, expiresIn?: string | number): Promise<string>;
  /** SQL statements sent by all subgraphs so far. */
  statements(): number;
  /**
   * Another gateway replica in front of the same subgraphs, with the stack's gateway settings and
   * `env` on top (a subgraph URL replaced, other limits...); stopped with the stack.
   */
  anotherGateway(env?: Record<string, string>): Promise<RunningGateway>;
  /** Another replica of subgraph `name` on the same database, with its settings and `env` on top; stopped with the stack. */
  anotherReplica(name: string, env?: Record<string, string>): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

export interface StackOptions {
  database: DatabaseKind;
  sampleData?: boolean;
  /** Extra environment for every subgraph. */
  env?: Record<string, string>;
  /** Start only these subgraphs (default: all); queries that need a missing one fail. */
  only?: string[];
  /** Extra environment for the gateway. */
  gatewayEnv?: Record<string, string>;
  /** How every process verifies tokens (AUTH_* variables), e.g. an identity provider's settings. */
  authEnv?: Record<string, string>;
  /** Subgraphs started without GATEWAY_SECRET, as in development: they answer whoever reaches them. */
  withoutGatewaySecret?: string[];
}

async function post<T>(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { ...body, status: response.status, headers: response.headers };
}

/** A port nobody listens on right now (the operating system's choice). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const folder = mkdtempSync(path.join(tmpdir(), 'icoca-test-'));
  const logFile = path.join(folder, 'services.log');
  const subgraphs: Record<string, RunningSubgraph> = {};
  const cleanups: (() => Promise<void>)[] = [];
  const secrets: Record<string, string> = {};
  const subgraphEnvs: Record<string, Record<string, string>> = {};
  let gateway: RunningGateway | undefined;
  let gatewayEnv: Record<string, string> = {};
  try {
    // Certification asks complaints (open complaints per company) as well as membership: it starts after both.
    const startOrder = [...SUBGRAPHS].sort(
      (a, b) => Number(a.definition.name === 'certification') - Number(b.definition.name === 'certification'),
    );
    // Membership asks certification as well (the directory's copies of certificates), so certification's port is
    // chosen before anything starts and membership is told it.
    const certificationPort = await freePort();
    for (const { definition } of startOrder) {
      if (options.only && !options.only.includes(definition.name)) continue;
      secrets[definition.name] = `test-gateway-secret-${definition.name}`;
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: folder,
        SAMPLE_DATA: options.sampleData === false ? 'false' : 'true',
        GATEWAY_SECRET: secrets[definition.name],
        LOG_LEVEL: 'info',
        LOG_FILE: logFile,
        // Every stack of a test file shares one event loop with the test itself: shedding load would
        // refuse requests at random on a busy machine. test/config.test.ts checks the setting.
        MAX_EVENT_LOOP_DELAY_MS: '0',
        ...options.authEnv,
        ...options.env,
      };
      if (definition.name === 'certification') env.PORT = String(certificationPort);
      if (definition.name === 'membership') {
        env.CERTIFICATION_URL = `http://127.0.0.1:${certificationPort}/graphql`;
        env.CERTIFICATION_GATEWAY_SECRET = 'test-gateway-secret-certification';
      }
      if (options.withoutGatewaySecret?.includes(definition.name)) delete env.GATEWAY_SECRET;
      // Subgraphs started earlier (membership first) can be asked directly: <NAME>_URL and <NAME>_GATEWAY_SECRET.
      for (const [name, started] of Object.entries(subgraphs)) {
        env[`${name.toUpperCase()}_URL`] = started.url;
        env[`${name.toUpperCase()}_GATEWAY_SECRET`] = secrets[name];
      }
      if (options.database === 'mysql') {
        const db = await createMysqlDatabase(definition.name);
        cleanups.push(db.drop);
        env.DATABASE_URL = db.url;
      }
      subgraphEnvs[definition.name] = env;
      const running = await startSubgraph(definition, loadSubgraphConfig(definition.name, 0, env));
      subgraphs[definition.name] = running;
    }
    gatewayEnv = {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      LOG_FILE: logFile,
      // Tests fire many requests from one address; test/rate-limits.test.ts checks the limits themselves.
      RATE_LIMIT_PUBLIC_MUTATIONS: '100000',
      RATE_LIMIT_PUBLIC_READS: '100000',
      RATE_LIMIT_AUTHENTICATED: '100000',
      RATE_LIMIT_PROOFS: '100000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...options.authEnv,
      ...options.gatewayEnv,
    };
    for (const [name, running] of Object.entries(subgraphs)) {
      gatewayEnv[`${name.toUpperCase()}_URL`] = running.url;
      gatewayEnv[`${name.toUpperCase()}_GATEWAY_SECRET`] = secrets[name];
    }
    gateway = await startGateway(loadGatewayConfig(gatewayEnv));
  } catch (error) {
    for (const running of Object.values(subgraphs)) await running.stop();
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
  const gatewayUrl = gateway.url;
  const running = gateway;
  const replicas: RunningGateway[] = [];
  const subgraphReplicas: RunningSubgraph[] = [];
  return {
    database: options.database,
    gatewayUrl,
    gatewayBaseUrl: gatewayUrl.replace(/\/graphql$/, ''),
    subgraphs,
    logFile,
    gatewaySecret: (name) => secrets[name],
    logLinesOf: async (requestId) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, any>)
        .filter((entry) => entry.requestId === requestId);
    },
    query: (query, variables, opts = {}) =>
      post(gatewayUrl, query, variables, {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      }),
    querySubgraph: (name, query, variables, opts = {}) =>
      post(subgraphs[name].url, query, variables, {
        ...(opts.withSecret === false ? {} : { 'x-gateway-secret': secrets[name] }),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      }),
    token: (role, organizationId, expiresIn) =>
      issueToken(DEVELOPMENT_JWT_SECRET, { role, organizationId, subject: `test-${role}` }, expiresIn),
    statements: () => Object.values(subgraphs).reduce((sum, s) => sum + s.database.statements.count, 0),
    anotherGateway: async (env = {}) => {
      const replica = await startGateway(loadGatewayConfig({ ...gatewayEnv, ...env }));
      replicas.push(replica);
      return replica;
    },
    anotherReplica: async (name, env = {}) => {
      const { definition } = SUBGRAPHS.find((s) => s.definition.name === name)!;
      const replica = await startSubgraph(definition, loadSubgraphConfig(name, 0, { ...subgraphEnvs[name], PORT: '0', ...env }));
      subgraphReplicas.push(replica);
      return replica;
    },
    stop: async () => {
      for (const replica of replicas) await replica.stop();
      for (const replica of subgraphReplicas) await replica.stop();
      await running.stop();
      for (const s of Object.values(subgraphs)) await s.stop();
      for (const cleanup of cleanups) await cleanup();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The error codes of a response, in order. */
export function codes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

/** Every node of a connection (`data[field]`), read page after page through `after` until the last. */
export async function readAllPages<T = any>(
  stack: Stack,
  query: string,
  field: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const response: GraphQLResponse<any> = await stack.query<any>(query, { ...variables, after }, { token });
    if (response.errors) throw new Error(`page ${page + 1} of ${field}: ${JSON.stringify(response.errors)}`);
    const connection = response.data[field];
    nodes.push(...connection.edges.map((e: { node: T }) => e.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`${field} never ended`);
}

/**
 * Walks a connection both ways and checks it against one long page, as a frontend with "next" and
 * "previous" buttons would: forwards with `first: size`/`after`, then backwards from the end with
 * `last: size`/`before`, and returns the ids each way. `query` takes `$first`, `$after`, `$last` and
 * `$before` and selects `edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`
 * (and may take other variables); `connectionOf` picks the connection out of `data` (it may be nested).
 */
export async function walkBothWays(
  stack: Stack,
  query: string,
  connectionOf: (data: any) => any,
  { variables = {}, token, size = 2 }: { variables?: Record<string, unknown>; token?: string; size?: number } = {},
): Promise<{ all: string[]; forwards: string[]; backwards: string[] }> {
  const read = async (vars: Record<string, unknown>) => {
    const response: GraphQLResponse<any> = await stack.query<any>(query, { ...variables, ...vars }, { token });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return connectionOf(response.data);
  };
  const ids = (connection: any): string[] => connection.edges.map((e: { node: { id: string } }) => e.node.id);
  const all = ids(await read({ first: 100 }));

  const forwards: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page += 1) {
    const connection = await read({ first: size, after });
    forwards.push(...ids(connection));
    if (connection.pageInfo.hasPreviousPage !== (after !== null)) throw new Error(`forward page ${page + 1}: hasPreviousPage is wrong`);
    if (connection.edges.length && connection.pageInfo.startCursor !== connection.edges[0].cursor) throw new Error('startCursor is not the first edge');
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }

  const backwards: string[] = [];
  let before: string | null = null;
  for (let page = 0; page < 500; page += 1) {
    const connection = await read({ last: size, before });
    backwards.unshift(...ids(connection));
    if (connection.pageInfo.hasNextPage !== (before !== null)) throw new Error(`backward page ${page + 1}: hasNextPage is wrong`);
    if (connection.edges.length && connection.pageInfo.endCursor !== connection.edges.at(-1).cursor) throw new Error('endCursor is not the last edge');
    if (!connection.pageInfo.hasPreviousPage) break;
    before = connection.pageInfo.startCursor;
  }
  return { all, forwards, backwards };
}

import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Kind, parse, type DocumentNode, type GraphQLSchema, type OperationTypeNode } from 'graphql';
import { operationCost, overBudget } from './operation-cost';

/** Deeper nesting than this is no real operation; graphql-js's recursive parser would overflow the stack long before 2,000. */
export const MAX_NESTING = 100;
/** The largest document in tokens (a README operation has a few hundred). */
export const MAX_TOKENS = 5000;

/** A document refused before GraphQL parses it, with the HTTP status and code a client gets. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** What the gateway needs to know of an operation before running it: its type, for the rate limits. */
export type Checked = { refusal: Refusal } | { operationType: OperationTypeNode | null };

/**
 * A document as parsed once: refused, or its operation's type and the document itself, with the verdict
 * of its cost once counted without variables (undefined until then; null when within budget).
 */
type Parsed = { refusal: Refusal } | { operationType: OperationTypeNode | null; document?: DocumentNode; overWithoutVariables?: string | null };

/**
 * The deepest nesting of brackets in a document, outside strings and comments, stopping as soon as
 * it passes `limit`: a linear scan, safe on any input.
 */
export function nestingDepth(source: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i += 1;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end < 0 ? source.length : end + 2;
      } else {
        for (i += 1; i < source.length && source[i] !== '"' && source[i] !== '\n'; i += 1) if (source[i] === '\\') i += 1;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Checks a document's size and shape before anything else runs, and reads the type of the operation asked for. */
export function checkDocument(query: string, operationName: string | undefined): Parsed {
  if (nestingDepth(query) > MAX_NESTING) {
    return { refusal: { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: `The document is nested more than ${MAX_NESTING} levels deep` } };
  }
  let document;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS, noLocation: true });
  } catch (error) {
    // graphql-js: "Document contains more that N tokens. Parsing aborted."
    if (/\d+ tokens\. Parsing aborted/.test((error as Error).message)) {
      return { refusal: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: `The document has more than ${MAX_TOKENS} tokens` } };
    }
    // A plain syntax error: Apollo answers it with its own message.
    return { operationType: null };
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  return { operationType: operation?.operation ?? null, document };
}

/**
 * Checks each GraphQL request before Apollo sees it: its document once per distinct document
 * (documents repeat: clients send the same few operations), its cost each time it is sent with
 * variables (it depends on them) and once for a document sent without. Finds the document of an automatic persisted query in Apollo's APQ cache.
 */
export class OperationChecker {
  private readonly known = new Map<string, Parsed>();

  constructor(
    /** Apollo's APQ cache, whose keys are `apq:<sha256>`. */
    private readonly persistedQueries: KeyValueCache<string>,
    /** The graph's API schema, to read the types the cost walks through. */
    private readonly schema: GraphQLSchema,
    private readonly maxCost: number,
    private readonly capacity = 2000,
  ) {}

  async check(body: unknown, method: string, search: Record<string, unknown>): Promise<Checked> {
    const params = (method === 'GET' ? search : body) as Record<string, unknown> | undefined;
    let query = typeof params?.query === 'string' ? params.query : undefined;
    const operationName = typeof params?.operationName === 'string' ? params.operationName : undefined;
    if (query === undefined) {
      const hash = persistedQueryHash(params?.extensions);
      query = hash ? await this.persistedQueries.get(`apq:${hash}`) : undefined;
      // Unknown: Apollo answers PersistedQueryNotFound and runs nothing.
      if (query === undefined) return { operationType: null };
    }
    const key = `${operationName ?? ''}\u0000${query}`;
    let parsed = this.known.get(key);
    if (!parsed) {
      parsed = checkDocument(query, operationName);
      if (query.length <= 20_000) {
        if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value as string);
        this.known.set(key, parsed);
      }
    }
    if ('refusal' in parsed || !parsed.document) return parsed;
    const variables = variablesOf(params?.variables);
    // The cost depends on the document and its variables only: sent without variables (most reads), it is counted once.
    const withoutVariables = Object.keys(variables).length === 0;
    let over = withoutVariables ? parsed.overWithoutVariables : undefined;
    if (over === undefined) {
      over = overBudget(operationCost(this.schema, parsed.document, operationName, variables, this.maxCost), this.maxCost);
      if (withoutVariables) parsed.overWithoutVariables = over;
    }
    if (over) return { refusal: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: over } };
    return { operationType: parsed.operationType };
  }
}

/** The request's variables: an object in a POST body, JSON text in a GET query string. */
function variablesOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function persistedQueryHash(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const hash = (value as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined;
}

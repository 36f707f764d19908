import { Kind, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema, type StringValueNode } from 'graphql';
import { badUserInput } from './errors';

/** The top-level fields of each `@key` of each entity type, and whether each is an object (`a { b }`). */
type EntityKeys = Map<string, { field: string; object: boolean }[][]>;

/** Reads the `@key(fields: "...")` directives of the subgraph's own type definitions. */
function entityKeys(typeDefs: DocumentNode): EntityKeys {
  const keys: EntityKeys = new Map();
  for (const definition of typeDefs.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value as StringValueNode | undefined;
      if (fields?.kind !== Kind.STRING) continue;
      const topLevel: { field: string; object: boolean }[] = [];
      let depth = 0;
      for (const token of fields.value.match(/[{}]|[^\s{}]+/g) ?? []) {
        if (token === '{') {
          if (depth === 0 && topLevel.length) topLevel[topLevel.length - 1].object = true;
          depth += 1;
        } else if (token === '}') depth -= 1;
        else if (depth === 0) topLevel.push({ field: token, object: false });
      }
      const name = definition.name.value;
      keys.set(name, [...(keys.get(name) ?? []), topLevel]);
    }
  }
  return keys;
}

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Why this subgraph cannot resolve a representation, or undefined when it can try. */
function representationRefusal(representation: unknown, index: number, keys: EntityKeys): string | undefined {
  const at = `representations[${index}]`;
  if (!representation || typeof representation !== 'object' || Array.isArray(representation)) return `${at} must be an object`;
  const { __typename: typename } = representation as Record<string, unknown>;
  if (typeof typename !== 'string') return `${at} needs a __typename`;
  const typeKeys = keys.get(typename);
  if (!typeKeys) return `${at}: ${JSON.stringify(typename.slice(0, 100))} is not an entity type of this subgraph`;
  const values = representation as Record<string, unknown>;
  const complete = typeKeys.some((key) =>
    key.every(({ field, object }) =>
      object ? !!values[field] && typeof values[field] === 'object' : isScalar(values[field])));
  if (!complete) {
    return `${at} needs the key fields of ${typename}: ${typeKeys.map((key) => key.map((k) => k.field).join(' ')).join(', or ')}`;
  }
  return undefined;
}

/**
 * Makes `_entities` refuse, with BAD_USER_INPUT on that representation alone, a representation this
 * subgraph cannot resolve: not an object, a `__typename` that is no entity type here (a type without
 * `@key`, or no type at all), or a key field missing. Apollo's resolver throws a plain error for the
 * first and the type's `__resolveReference` fails on the last: both became INTERNAL_SERVER_ERROR with
 * a logged stack. BAD_USER_INPUT rather than NOT_FOUND: it is the caller's input that is malformed;
 * NOT_FOUND says a well-formed key names no record (or none the viewer may see). The gateway never sends
 * such representations: only a direct caller with the gateway secret does.
 */
export function guardEntities(schema: GraphQLSchema, typeDefs: DocumentNode): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
  if (!field || !resolve) return;
  const keys = entityKeys(typeDefs);
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    const refusals = representations.map((representation, index) => representationRefusal(representation, index, keys));
    const accepted = representations.filter((_, index) => refusals[index] === undefined);
    const resolved = accepted.length ? (resolve(source, { ...args, representations: accepted }, context, info) as unknown[]) : [];
    let next = 0;
    // A returned error fails that entity alone (null, with the error at its path); the others resolve.
    return refusals.map((refusal) => (refusal === undefined ? resolved[next++] : badUserInput(refusal, 'representations')));
  };
}

import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { CacheHint, CachePolicy } from '@apollo/cache-control-types';
import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { RequestContext } from './context';

/**
 * The cache policy of a subgraph's answer, worked out once per operation rather than once per resolved field.
 *
 * Apollo's cache-control plugin computes the same policy field by field as they resolve, which makes Apollo
 * wrap every resolver of the schema: on a 20-row directory page that is hundreds of wrapper calls and
 * policy objects per request, for an answer that follows from the operation alone. The rules here are
 * Apollo's (a field takes the hint of its return type, then its own; a composite or root field with no
 * max-age gets 0; `inheritMaxAge` keeps the parent's), applied to every field the operation selects. A field
 * under a null or an empty list still counts, so the policy is never laxer than Apollo's, only at most as
 * lax. What depends on the request itself is added as it runs: a restricted field (the auth checker) or a
 * viewer-dependent one (viewer-dependent.ts) restricts the context's `cachePolicy`, and `_entities` takes
 * the hints of the entity types it is asked for. The whole is capped at `maxAge` (`CACHE_MAX_AGE`), whoever
 * asks: an answer still public with a token is the public's answer.
 */
export function answerCachePolicyPlugin(schema: GraphQLSchema, maxAge: number): ApolloServerPlugin<RequestContext> {
  const ofDocument = new WeakMap<DocumentNode, Map<string | null, CacheHint>>();
  const staticPolicy = (document: DocumentNode, operationName: string | null): CacheHint => {
    let byOperation = ofDocument.get(document);
    if (!byOperation) ofDocument.set(document, (byOperation = new Map()));
    let hint = byOperation.get(operationName);
    if (!hint) byOperation.set(operationName, (hint = operationPolicy(schema, document, operationName)));
    return hint;
  };
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      contextValue.cachePolicy = overallCachePolicy;
      return {
        async executionDidStart({ document, operationName }) {
          overallCachePolicy.restrict(staticPolicy(document, operationName ?? null));
        },
        async willSendResponse(requestContext) {
          // A cap, never a max-age of its own: an answer no field gave one (`{ __typename }`) stays uncacheable.
          overallCachePolicy.restrict({ maxAge: overallCachePolicy.maxAge === undefined ? 0 : maxAge });
          setCacheControlHeader(requestContext);
        },
      };
    },
  };
}

/** `Cache-Control` as Apollo's plugin sets it: the policy when the answer is cacheable and error-free, else `no-store`. */
function setCacheControlHeader({ response, overallCachePolicy }: GraphQLRequestContextWillSendResponse<RequestContext>): void {
  const cacheable = overallCachePolicy.policyIfCacheable();
  const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
  response.http.headers.set(
    'cache-control',
    cacheable && single && !single.errors ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : 'no-store',
  );
}

/**
 * Makes `_entities` restrict the answer by the hints of the entity types asked for (as Apollo's subgraph
 * library does through the per-field plugin): with none of them hinted, the answer is not cacheable.
 */
export function restrictEntitiesByType(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, RequestContext> | undefined;
  if (!field || !resolve) return;
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const hint = newPolicy();
    const typenames = new Set<unknown>();
    for (const representation of Array.isArray(args.representations) ? args.representations : []) {
      typenames.add((representation as { __typename?: unknown } | null)?.__typename);
    }
    for (const typename of typenames) {
      const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
      if (type && isCompositeType(type)) hint.restrict(typeAnnotation(type));
    }
    if (hint.maxAge === undefined) hint.restrict({ maxAge: 0 });
    context.cachePolicy?.restrict(hint);
    return resolve(source, args, context, info);
  };
}

/** Restricts every field `operationName` selects, by Apollo's rules; `_entities` is left to its resolver. */
function operationPolicy(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): CacheHint {
  const policy = newPolicy();
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return policy;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment read once for given parent types restricts nothing more when read again: each is walked once, so
  // fragments that spread one another twice over cannot make the walk grow exponentially (nor cycles loop).
  const fragmentsWalked = new Set<string>();
  const visit = (selectionSet: SelectionSetNode, parents: readonly GraphQLObjectType[], atRoot: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        // Meta fields (`__typename`, introspection) carry no hint, as with Apollo.
        if (name.startsWith('__')) continue;
        for (const parent of parents) {
          const field = parent.getFields()[name];
          if (!field) continue;
          // `_entities` itself takes the hints of the types asked for, as it runs; what it selects counts here.
          if (!(atRoot && name === '_entities')) policy.restrict(fieldPolicy(field, atRoot));
          if (selection.selectionSet) visit(selection.selectionSet, objectTypesOf(schema, getNamedType(field.type)), false);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : undefined;
        visit(selection.selectionSet, narrowed(schema, parents, condition), atRoot);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const within = narrowed(schema, parents, schema.getType(fragment.typeCondition.name.value));
        const walk = `${fragment.name.value} ${atRoot} ${within.map((type) => type.name).join(',')}`;
        if (fragmentsWalked.has(walk)) continue;
        fragmentsWalked.add(walk);
        visit(fragment.selectionSet, within, atRoot);
      }
    }
  };
  visit(operation.selectionSet, [root], true);
  // Only what restricts: an operation that selects no hinted field leaves the answer uncacheable, as with Apollo.
  return { maxAge: policy.maxAge, scope: policy.scope };
}

/** One field's hint, as Apollo's plugin works it out when the field resolves (defaultMaxAge 0). */
function fieldPolicy(field: GraphQLField<unknown, unknown>, atRoot: boolean): CachePolicy {
  const policy = newPolicy();
  let inheritMaxAge = false;
  const target = getNamedType(field.type);
  if (isCompositeType(target)) {
    const annotation = typeAnnotation(target);
    policy.replace(annotation);
    inheritMaxAge = !!annotation.inheritMaxAge;
  }
  const annotation = annotationOf(field.astNode?.directives) ?? {};
  if (annotation.inheritMaxAge && policy.maxAge === undefined) {
    inheritMaxAge = true;
    if (annotation.scope) policy.replace({ scope: annotation.scope });
  } else {
    policy.replace(annotation);
  }
  if (policy.maxAge === undefined && ((isCompositeType(target) && !inheritMaxAge) || atRoot)) policy.restrict({ maxAge: 0 });
  return policy;
}

/** The object types a selection on `type` may meet at run time (none for a leaf). */
function objectTypesOf(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

/** `parents` narrowed by a fragment's type condition. */
function narrowed(schema: GraphQLSchema, parents: readonly GraphQLObjectType[], condition: GraphQLNamedType | undefined): readonly GraphQLObjectType[] {
  if (!condition) return parents;
  const allowed = objectTypesOf(schema, condition);
  return parents.filter((parent) => allowed.includes(parent));
}

type Annotation = CacheHint & { inheritMaxAge?: boolean };

const typeAnnotations = new WeakMap<GraphQLCompositeType, Annotation>();

function typeAnnotation(type: GraphQLCompositeType): Annotation {
  let annotation = typeAnnotations.get(type);
  if (!annotation) {
    annotation = annotationOf(type.astNode?.directives);
    for (const extension of type.extensionASTNodes) annotation ??= annotationOf(extension.directives);
    annotation ??= {};
    typeAnnotations.set(type, annotation);
  }
  return annotation;
}

/** A `@cacheControl` directive read as Apollo reads it. */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scopeName = scopeValue?.kind === Kind.ENUM ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, scope };
  const maxAge = argument('maxAge');
  return { maxAge: maxAge?.kind === Kind.INT ? parseInt(maxAge.value, 10) : undefined, scope };
}

/** A cache policy with Apollo's `restrict` and `replace` (Apollo does not export its own). */
function newPolicy(): CachePolicy {
  return {
    maxAge: undefined,
    scope: undefined,
    restrict(hint) {
      if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
      if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
    },
    replace(hint) {
      if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
      if (hint.scope !== undefined) this.scope = hint.scope;
    },
    policyIfCacheable() {
      if (this.maxAge === undefined || this.maxAge === 0) return null;
      return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
    },
  };
}

import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../services/subgraphs';
import { buildFederatedSchema } from '../services/shared/src/subgraph';
import { MARKS_VIEWER_DEPENDENCE, VIEWER_DEPENDENT_ENTITIES, VIEWER_DEPENDENT_FIELDS } from '../services/shared/src/viewer-dependent';

/**
 * The rule that lets signed-in callers share cached public answers holds only if every field whose
 * answer depends on the caller is restricted (`@Authorized`: the auth checker makes it uncacheable) or
 * listed in viewer-dependent.ts (its subgraph marks the answer as the caller's own, the gateway keeps
 * such callers out of the shared cache). This walks every field of the supergraph and reads each
 * resolver's own code: one that reads the viewer, or hands its whole context on, must be one or the other.
 */

/** Resolvers that hand their whole context to a helper that reads no viewer (checked by reading the helper). */
const REVIEWED_WHOLE_CONTEXT: Record<string, string> = {
  'Organization.currentCertification': 'certification-organization fields read the loaders only',
  'Organization.certificationStatus': 'certification-organization fields read the loaders only',
  'Organization.certificationStatusOn': 'certification-organization fields read the loaders only',
  'VerificationResult.standing': 'standing is worked out from the loaders and today',
  'VerificationResult.receipt': 'a receipt is signed with the service key; never cached anyway',
  'entity VerificationResult': 'membership finds a verification result from its loaders only',
};

interface ResolverCode {
  coordinate: string;
  source: string;
  restricted: boolean;
}

/** Every query and field resolver of the three subgraphs, as type-graphql registered them. */
function resolverCode(): Map<string, ResolverCode[]> {
   
  const storage = getMetadataStorage() as any;
  const restrictedMethods = new Set<string>(storage.authorizedFields.map((a: { target: { name: string }; fieldName: string }) => `${a.target.name}.${a.fieldName}`));
  const restrictedClasses = new Set<string>(storage.authorizedResolver.map((a: { target: { name: string } }) => a.target.name));
  const found = new Map<string, ResolverCode[]>();
  const add = (parent: string, field: string, target: { name: string; prototype: Record<string, unknown> }, method: string) => {
    const coordinate = `${parent}.${field}`;
    const code = {
      coordinate,
      source: String(target.prototype[method]),
      restricted: restrictedMethods.has(`${target.name}.${method}`) || restrictedClasses.has(target.name),
    };
    found.set(coordinate, [...(found.get(coordinate) ?? []), code]);
  };
   
  for (const query of storage.queries as any[]) add('Query', query.schemaName, query.target, query.methodName);
   
  for (const field of storage.fieldResolvers as any[]) {
    const parent = field.getObjectType?.()?.name;
    if (parent) add(parent, field.schemaName, field.target, field.methodName);
  }
  return found;
}

// The caller's language is part of the caller too: a query answer worded by it must not be shared across languages.
const READS_VIEWER = /\b(viewer|acceptLanguage)\b/;
const PASSES_WHOLE_CONTEXT = /\b(ctx|context)\s*[,)]/;

describe('which answers a signed-in caller may share', () => {
  let apiSchema: GraphQLSchema;
  const subgraphSchemas: Record<string, GraphQLSchema> = {};
  let code: Map<string, ResolverCode[]>;
  beforeAll(async () => {
    for (const { definition } of SUBGRAPHS) subgraphSchemas[definition.name] = (await buildFederatedSchema(definition)).schema;
    const supergraphSdl = readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
    apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    code = resolverCode();
  });

  it('finds every field of the supergraph whose resolver reads the viewer restricted or listed', () => {
    const unlisted: string[] = [];
    let walked = 0;
    let read = 0;
    for (const type of Object.values(apiSchema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        walked += 1;
        const coordinate = `${type.name}.${field.name}`;
        for (const resolver of code.get(coordinate) ?? []) {
          read += 1;
          const readsViewer = READS_VIEWER.test(resolver.source);
          const passesContext = PASSES_WHOLE_CONTEXT.test(resolver.source);
          if (!readsViewer && !passesContext) continue;
          if (resolver.restricted || VIEWER_DEPENDENT_FIELDS[coordinate]) continue;
          if (!readsViewer && REVIEWED_WHOLE_CONTEXT[coordinate]) continue;
          unlisted.push(`${coordinate}${readsViewer ? ' reads the viewer' : ' hands its context on'}`);
        }
      }
    }
    expect(unlisted).toEqual([]);
    // The walk saw the whole graph and read the resolvers' code (not an empty pass).
    expect(walked).toBeGreaterThan(500);
    expect(read).toBeGreaterThan(150);
  });

  it('finds every entity another subgraph resolves by key as the viewer may see it listed', () => {
    const unlisted: string[] = [];
    for (const { definition } of SUBGRAPHS) {
      for (const [typeName, resolveReference] of Object.entries(definition.referenceResolvers)) {
        const source = String(resolveReference);
        const readsViewer = READS_VIEWER.test(source);
        if (!readsViewer && !PASSES_WHOLE_CONTEXT.test(source)) continue;
        if (!VIEWER_DEPENDENT_ENTITIES[typeName] && (readsViewer || !REVIEWED_WHOLE_CONTEXT[`entity ${typeName}`])) {
          unlisted.push(`${definition.name}: ${typeName}`);
        }
      }
    }
    expect(unlisted).toEqual([]);
  });

  it('marks every listed field and entity in the subgraph that resolves it, and lists nothing the graph lacks', () => {
    const marked = (resolver: unknown) => Boolean(resolver && (resolver as Record<symbol, unknown>)[MARKS_VIEWER_DEPENDENCE]);
    for (const coordinate of Object.keys(VIEWER_DEPENDENT_FIELDS)) {
      const [typeName, fieldName] = coordinate.split('.');
      expect((apiSchema.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fieldName], coordinate).toBeDefined();
      const resolvers = Object.values(subgraphSchemas)
        .map((schema) => (schema.getType(typeName) as GraphQLObjectType | undefined)?.getFields?.()[fieldName]?.resolve)
        .filter(Boolean);
      expect(resolvers.length, coordinate).toBeGreaterThan(0);
      expect(resolvers.every(marked), coordinate).toBe(true);
    }
    for (const typeName of Object.keys(VIEWER_DEPENDENT_ENTITIES)) {
      expect(apiSchema.getType(typeName), typeName).toBeDefined();
      const references = Object.values(subgraphSchemas)
        .map((schema) => (schema.getType(typeName)?.extensions as { apollo?: { subgraph?: { resolveReference?: unknown } } } | undefined)?.apollo?.subgraph?.resolveReference)
        .filter(Boolean);
      expect(references.length, typeName).toBeGreaterThan(0);
      expect(references.every(marked), typeName).toBe(true);
    }
  });
});

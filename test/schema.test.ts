import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  parse,
  validate,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSchema, type ComposedSchema } from '../scripts/schema';
import { SUBGRAPHS } from '../services/subgraphs';

const committed = (file: string) => readFileSync(path.resolve('schema', file), 'utf8');

/**
 * Composition hints the graph lives with, each for a reason; any other hint fails the test below. A hint
 * means the subgraphs disagree on something composition papered over (e.g. two descriptions of one type,
 * of which the supergraph keeps one, not necessarily the owner's).
 */
const ALLOWED_HINTS = [
  // The certification subgraph declares only the three fields of the membership history it reads through
  // @requires to derive a standing; declaring reason, reasonCode, decidedBy and recordedAt there would claim it
  // can resolve fields it never holds.
  'INCONSISTENT_OBJECT_VALUE_TYPE_FIELD: MembershipStatusEntry.reason',
  'INCONSISTENT_OBJECT_VALUE_TYPE_FIELD: MembershipStatusEntry.reasonCode',
  'INCONSISTENT_OBJECT_VALUE_TYPE_FIELD: MembershipStatusEntry.decidedBy',
  'INCONSISTENT_OBJECT_VALUE_TYPE_FIELD: MembershipStatusEntry.recordedAt',
  // Apollo's @cacheControl directive brings its scope enum into every subgraph; no field uses it as a type.
  'UNUSED_ENUM_TYPE: CacheControlScope',
];

/** `CODE: Type` or `CODE: Type.field`, from the first quoted element of the hint's message. */
const hintKey = (hint: { code: string; message: string }) => `${hint.code}: ${/"([^"]+)"/.exec(hint.message)?.[1] ?? '?'}`;

describe('schema/', () => {
  let composed: ComposedSchema;
  beforeAll(async () => {
    composed = await composeSchema();
  });

  it('composes every subgraph without errors', () => {
    expect(composed.subgraphs.map((s) => s.name)).toEqual(SUBGRAPHS.map((s) => s.definition.name));
    expect(composed.supergraph).toContain('@join__graph(name: "membership"');
  });

  it('composes without hints, apart from the commented allow-list', () => {
    expect(composed.hints.map(hintKey).sort()).toEqual([...ALLOWED_HINTS].sort());
  });

  it('holds exactly what the code produces (run `npm run schema` after changing the graph)', () => {
    for (const { name, sdl } of composed.subgraphs) {
      expect(committed(`${name}.graphql`), `schema/${name}.graphql is stale`).toBe(`${sdl.trim()}\n`);
    }
    expect(committed('supergraph.graphql'), 'schema/supergraph.graphql is stale').toBe(`${composed.supergraph.trim()}\n`);
  });

  it('describes every type, field, argument and enum value clients can see', () => {
    const schema = buildSchema(committed('supergraph.graphql'));
    const missing: string[] = [];
    const internal = (name: string) => name.startsWith('__') || name.startsWith('join__') || name.startsWith('link__');
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (internal(type.name) || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
      const root = ['Query', 'Mutation', 'Subscription'].includes(type.name);
      if (!type.description && !root) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('accepts every operation the README shows', () => {
    const schema = buildSchema(committed('supergraph.graphql'));
    const readme = readFileSync('README.md', 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    const inline = [...readme.matchAll(/`(query \{ checkVerificationReceipt[^`]*)`/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const source of [...blocks, ...inline]) {
      const errors = validate(schema, parse(source)).map((e) => e.message);
      expect(errors, source.slice(0, 80)).toEqual([]);
    }
  });
});

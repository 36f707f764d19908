import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildFederatedSchema } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';

export interface ComposedSchema {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
  /** Composition's hints (code and message): each one is a place where the subgraphs disagree in a way composition tolerated. */
  hints: { code: string; message: string }[];
}

/** Prints each subgraph's SDL from the code and composes the supergraph, as `schema/` should hold them. */
export async function composeSchema(): Promise<ComposedSchema> {
  const subgraphs = [];
  for (const { definition, port } of SUBGRAPHS) {
    const { sdl } = await buildFederatedSchema(definition);
    subgraphs.push({ name: definition.name, sdl, url: `http://localhost:${port}/graphql` });
  }
  const result = composeServices(subgraphs.map(({ name, sdl, url }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`Composition failed:\n${(result.errors ?? []).map((e) => `  ${e.message}`).join('\n')}`);
  }
  return {
    subgraphs: subgraphs.map(({ name, sdl }) => ({ name, sdl })),
    supergraph: result.supergraphSdl,
    hints: result.hints.map((hint) => ({ code: hint.definition.code, message: hint.message })),
  };
}

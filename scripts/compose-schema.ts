import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSchema } from './schema';

/** `npm run schema`: regenerates schema/<subgraph>.graphql and schema/supergraph.graphql. */
composeSchema()
  .then(({ subgraphs, supergraph }) => {
    const folder = path.resolve('schema');
    for (const { name, sdl } of subgraphs) writeFileSync(path.join(folder, `${name}.graphql`), `${sdl.trim()}\n`);
    writeFileSync(path.join(folder, 'supergraph.graphql'), `${supergraph.trim()}\n`);
    process.stdout.write(`schema/: ${subgraphs.map((s) => s.name).join(', ')} and the supergraph written\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });

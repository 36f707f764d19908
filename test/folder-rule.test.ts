import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The folder rule (eslint/folder-rule.mjs) and the subgraph boundary, as `npm run lint` applies them: the
 * repository's own eslint.config.mjs, run from a small fixture tree that stands in for the repository
 * (the config ignores test/fixtures, so `eslint .` never lints these files as real code).
 */

const REPOSITORY = path.resolve(__dirname, '..');
const FIXTURES = path.join(REPOSITORY, 'test/fixtures/folder-rule');

interface Problem {
  file: string;
  line: number;
  rule: string | null;
  message: string;
}

/** Every problem ESLint reports in one fixture tree, in file and line order. */
async function lint(tree: string): Promise<Problem[]> {
  const cwd = path.join(FIXTURES, tree);
  const eslint = new ESLint({ cwd, overrideConfigFile: path.join(REPOSITORY, 'eslint.config.mjs') });
  const results = await eslint.lintFiles(['services']);
  expect(results.length).toBeGreaterThan(0);
  return results
    .flatMap((result) =>
      result.messages.map((m) => ({ file: path.relative(cwd, result.filePath).split(path.sep).join('/'), line: m.line, rule: m.ruleId, message: m.message })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const cycle = (chain: string) => expect.stringContaining(`This import closes a cycle between folders: ${chain} (type-only imports count too).`);

describe('the folder rule', () => {
  it('names the cycle at every import that closes it, whether run-time, type-only or a re-export', async () => {
    const problems = await lint('cycle');
    expect(problems).toEqual([
      { file: 'services/demo/src/a/a.ts', line: 1, rule: 'icoca/folder-rule', message: cycle('a/ -> b/ -> c/ -> a/') },
      { file: 'services/demo/src/b/b.ts', line: 1, rule: 'icoca/folder-rule', message: cycle('b/ -> c/ -> a/ -> b/') },
      { file: 'services/demo/src/c/c.ts', line: 1, rule: 'icoca/folder-rule', message: cycle('c/ -> a/ -> b/ -> c/') },
    ]);
    expect(problems[0].message).toBe(
      'This import closes a cycle between folders: a/ -> b/ -> c/ -> a/ (type-only imports count too). ' +
        'Folders must depend on each other in one direction: move what both need into one of them ' +
        '(or into a new folder both import), or let a root file compose them.',
    );
  });

  it('refuses a folder that imports a root file at run time, except peer-routes.ts', async () => {
    expect(await lint('runtime-root-import')).toEqual([
      {
        file: 'services/demo/src/a/a.ts',
        line: 1,
        rule: 'icoca/folder-rule',
        message:
          'The folder a/ imports the root file config.ts at run time. Root files compose the folders, not the other way round: ' +
          'import only its types (`import type`), or move what a/ needs into a folder. ' +
          '(peer-routes.ts is the one root file a folder may import at run time.)',
      },
      { file: 'services/demo/src/a/a.ts', line: 2, rule: 'icoca/folder-rule', message: expect.stringContaining('imports the root file context.ts at run time') },
    ]);
  });

  it('lets a folder import a root file for its types', async () => {
    expect(await lint('type-root-import')).toEqual([]);
  });

  it('has nothing to say about a subgraph whose root files compose folders that import each other one way', async () => {
    expect(await lint('clean')).toEqual([]);
  });
});

describe('the subgraph boundary', () => {
  it("lets a subgraph import another's peer-routes.ts and nothing else of it", async () => {
    expect(await lint('boundary')).toEqual([
      {
        file: 'services/complaints/src/membership/membership.peer.ts',
        line: 2,
        rule: 'no-restricted-imports',
        message: expect.stringContaining("The complaints subgraph must not import another subgraph's files"),
      },
    ]);
  });
});

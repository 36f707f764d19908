import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import folderRule from './eslint/folder-rule.mjs';

const SUBGRAPHS = ['membership', 'certification', 'complaints'];

/**
 * A subgraph owns its database and talks to the others only through the graph (or a gated peer route):
 * importing another subgraph's files would load its entities into the wrong process and couple their
 * releases. What several subgraphs need lives in services/shared; the gateway knows subgraphs by URL.
 * One file is open to the other subgraphs: `src/peer-routes.ts`, the paths and answer shapes of the
 * peer routes a subgraph serves (it imports nothing), so a caller and its server cannot drift apart.
 */
function onlyOwnSubgraph(own) {
  const others = SUBGRAPHS.filter((name) => name !== own);
  return {
    files: own ? [`services/${own}/**/*.ts`] : ['services/shared/**/*.ts', 'gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)(${others.join('|')})/src(/(?!peer-routes$)|$)`,
              message: own
                ? `The ${own} subgraph must not import another subgraph's files; share through services/shared or the graph.`
                : 'Shared mechanics and the gateway must not import a subgraph\'s files.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  // The folder rule's fixtures break the rules on purpose; test/folder-rule.test.ts lints them itself.
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  ...SUBGRAPHS.map(onlyOwnSubgraph),
  onlyOwnSubgraph(null),
  {
    // Inside a subgraph: root files compose the concept folders, folders import each other without cycles
    // (eslint/folder-rule.mjs). services/shared is not a subgraph.
    files: ['services/*/src/**/*.ts'],
    ignores: ['services/shared/**'],
    plugins: { icoca: { rules: { 'folder-rule': folderRule } } },
    rules: { 'icoca/folder-rule': 'error' },
  },
  {
    // Tests read loosely typed GraphQL responses; `any` there is the honest type.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * THE FOLDER RULE of a subgraph (docs/architecture.md, "Where code lives inside a subgraph"). The nodes are
 * the direct child folders of `src/` and its root files. Root files compose: they may import any folder. A
 * folder may import a root file only with `import type` (the request context's type, say), except
 * `peer-routes.ts`, which imports nothing and which callers use at run time. Folders import each other
 * without cycles, type-only imports included, so that every concept can be read, tested and moved starting
 * from the folders it depends on.
 *
 * The file being linted is read from ESLint's own AST (so an editor sees its unsaved imports). The other files
 * of its subgraph only add edges between folders, type-only or not, so TypeScript's import scanner reads
 * them (it skips comments and strings, and is many times faster than a full parse); each file is scanned
 * once and again only when it changes on disk.
 */

const PEER_ROUTES = 'peer-routes.ts';
const SUBGRAPH_SRC = /^(.*[\\/]services[\\/][^\\/]+[\\/]src)[\\/]/;
const SOURCE_FILE = /\.(ts|mts|cts)$/;

/** The subgraph's `src` directory that holds `file`, or null when the file is not in a subgraph's src. */
function srcRootOf(file) {
  const match = SUBGRAPH_SRC.exec(file);
  return match ? match[1] : null;
}

/** The node a file belongs to: `name/` for a file anywhere inside a folder of src, `name.ts` for a root file. */
function nodeOfFile(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? `${parts[0]}/` : parts[0];
}

/** The node an import specifier names, or null when it leaves the subgraph's src (shared, a package). */
function nodeOfImport(srcRoot, fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const target = path.resolve(path.dirname(fromFile), spec);
  const rel = path.relative(srcRoot, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  if (!rel) return 'index.ts';
  const parts = rel.split(path.sep);
  if (parts.length > 1) return `${parts[0]}/`;
  if (isDirectory(target)) return `${parts[0]}/`;
  // `./context`, `./context.js` (nodenext style) and `./context.ts` all name the root file context.ts.
  return `${parts[0].replace(/\.(ts|js|mts|mjs|cts|cjs)$/, '')}.ts`;
}

function isDirectory(target) {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

const allTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');

/**
 * Every module a program imports, with whether the import is erased at compile time: `import type`,
 * `import { type A }` (all names type-only), `export type ... from`, `import('./x').T` in a type. Side-effect
 * imports, `export * from`, `import x = require()` and dynamic `import()` are run-time imports.
 */
function importsOf(program, visitorKeys) {
  const found = [];
  const add = (source, typeOnly, node) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') found.push({ spec: source.value, typeOnly, node });
  };
  const visit = (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node.source, node.importKind === 'type' || allTypes(node.specifiers, 'importKind'), node);
        return;
      case 'ExportNamedDeclaration':
        if (node.source) {
          add(node.source, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind'), node);
          return;
        }
        break;
      case 'ExportAllDeclaration':
        add(node.source, node.exportKind === 'type', node);
        return;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') add(node.moduleReference.expression, node.importKind === 'type', node);
        return;
      case 'ImportExpression':
        add(node.source, false, node);
        break;
      case 'TSImportType':
        add(node.source ?? node.argument?.literal, true, node);
        break;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item.type === 'string') visit(item);
      } else if (child && typeof child.type === 'string') {
        visit(child);
      }
    }
  };
  visit(program);
  return found;
}

/** The folders a file's imports reach, other than its own folder (root files are not part of cycles). */
function folderTargets(srcRoot, file, imports) {
  const from = nodeOfFile(srcRoot, file);
  if (!from?.endsWith('/')) return [];
  const targets = new Set();
  for (const { spec } of imports) {
    const to = nodeOfImport(srcRoot, file, spec);
    if (to && to !== from && to.endsWith('/')) targets.add(to);
  }
  return [...targets];
}

/**
 * Per subgraph src: when its files were last looked at, and for each file its stamp (mtime and size) and the
 * folders it imports. A lint run asks for the same subgraph once per file; looking at the disk again at most
 * once a second keeps a run cheap, and an editor's long-lived ESLint sees saved changes a second later.
 */
const subgraphs = new Map();
const LOOK_AGAIN_AFTER_MS = 1000;

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** The subgraph's files and the folders each imports, scanning again only the files changed since last time. */
function filesOf(srcRoot) {
  const known = subgraphs.get(srcRoot);
  if (known && Date.now() - known.lookedAt < LOOK_AGAIN_AFTER_MS) return known.files;
  const files = new Map();
  for (const file of sourceFiles(srcRoot)) {
    const { mtimeMs, size } = statSync(file);
    const stamp = `${mtimeMs}:${size}`;
    const before = known?.files.get(file);
    files.set(file, before?.stamp === stamp ? before : { stamp, from: nodeOfFile(srcRoot, file), folders: folderTargets(srcRoot, file, scanImports(file)) });
  }
  subgraphs.set(srcRoot, { lookedAt: Date.now(), files });
  return files;
}

/** Every module a file names: `import`, `import type`, `export ... from`, `import()`, `import x = require()`. */
function scanImports(file) {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => ({ spec: fileName }));
}

/** The shortest chain of folders from `start` to `goal`, both included, or null when there is none. */
function shortestPath(graph, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    if (at === goal) {
      const chain = [];
      for (let node = goal; node !== null; node = previous.get(node)) chain.unshift(node);
      return chain;
    }
    for (const next of [...(graph.get(at) ?? [])].sort()) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'The folder rule of a subgraph: folders import root files only for types, and import each other without cycles.' },
    schema: [],
    messages: {
      runtimeRootImport:
        'The folder {{folder}} imports the root file {{root}} at run time. Root files compose the folders, not the other way round: ' +
        'import only its types (`import type`), or move what {{folder}} needs into a folder. (peer-routes.ts is the one root file a folder may import at run time.)',
      folderCycle:
        'This import closes a cycle between folders: {{cycle}} (type-only imports count too). Folders must depend on each other in one direction: ' +
        'move what both need into one of them (or into a new folder both import), or let a root file compose them.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const srcRoot = srcRootOf(file);
    const folder = srcRoot && nodeOfFile(srcRoot, file);
    if (!folder?.endsWith('/')) return {}; // Root files may import anything.
    return {
      'Program:exit'(program) {
        const imports = importsOf(program, context.sourceCode.visitorKeys).map((found) => ({
          ...found,
          to: nodeOfImport(srcRoot, file, found.spec),
        }));
        for (const { to, typeOnly, node } of imports) {
          if (to && !to.endsWith('/') && !typeOnly && to !== PEER_ROUTES) {
            context.report({ node, messageId: 'runtimeRootImport', data: { folder, root: to } });
          }
        }
        const targets = imports.filter(({ to }) => to?.endsWith('/') && to !== folder);
        if (!targets.length) return;
        const graph = new Map();
        const link = (from, to) => {
          if (!graph.has(from)) graph.set(from, new Set());
          graph.get(from).add(to);
        };
        for (const [other, { from, folders }] of filesOf(srcRoot)) {
          if (other !== file) for (const to of folders) link(from, to);
        }
        for (const { to } of targets) link(folder, to);
        for (const { to, node } of targets) {
          const back = shortestPath(graph, to, folder);
          if (back) context.report({ node, messageId: 'folderCycle', data: { cycle: [folder, ...back].join(' -> ') } });
        }
      },
    };
  },
};

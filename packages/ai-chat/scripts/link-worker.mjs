// Links the built worker's files so that they work wherever they are served and whatever they are
// named. A bundler that copies the package's files for a page renames each copy
// (`assets/chunk-X-1a2b.js`), which breaks the relative imports between esbuild's chunks; Parcel
// even wraps each copy in its own module format, which drops its exports. So every import between
// worker files goes through one function that the worker's entry defines, `__aiChatImport(path)`:
// it loads a file by its path in dist/cdn/ (at the URL the page names for it, else beside the
// entry), and gives what that file put in `globalThis.__aiChatFiles` under its path: the promise
// of its exports, once its own imports are in. In each file but the entry:
//
//   import{a as b}from"./chunk-X.js";…;export{c as d};
//     →  __aiChatFiles["linked/this.js"]=(async()=>{const[{a:b}]=await Promise.all([__aiChatImport("linked/chunk-X.js")]);…;return{d:c}})();
//   import("./load-Y.js")  →  __aiChatImport("linked/load-Y.js")
//
// A file that the script tag's worker imports too (web-llm, wllama: `register`) keeps its exports
// and also puts them in `__aiChatFiles`. No top-level await: webpack minifies the copies it makes as
// scripts, where that is a syntax error. The entry must have no static import (it defines the
// function before it imports anything), no file may read `import.meta` but the entry (a renamed
// copy's URL says nothing), and the static imports must not form a cycle (a cycle of awaits never
// settles).
import { posix } from 'node:path';
import remapping from '@jridgewell/remapping';
import { init, parse } from 'es-module-lexer';
import MagicString from 'magic-string';

export const IMPORT = '__aiChatImport';
// Defined by the linked entry before it imports anything; a file the script tag's worker imports
// too must not count on it.
const FILES = '__aiChatFiles';
const FILES_ANYWHERE = '(globalThis.__aiChatFiles||={})';

/** esbuild's one `export{…}` statement at the end of a chunk, and its clause. */
const EXPORTS = /export\s*\{([^}]*)\};?(?=\s*(?:\/\/# sourceMappingURL=\S+\s*)?$)/;

/**
 * The names of an import or export clause's inside (`a as b,c`): `[name, alias]` pairs, the alias
 * undefined where there is none. `what` names the clause in the error for anything else.
 */
function clauseNames(inside, what) {
  return inside
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!m) throw new Error(`cannot link the ${what} of "${part}"`);
      return [m[1], m[2]];
    });
}

/** `{a as b,c}` (an import clause) → `{a:b,c}` (a destructuring pattern); `` → ``. */
export function toPattern(clause) {
  if (!clause) return '';
  const names = clauseNames(clause.slice(1, -1), 'import').map(([name, alias]) =>
    alias ? `${name}:${alias}` : name,
  );
  return `{${names.join(',')}}`;
}

/** The path of `specifier` imported from the file at `from`, both relative to the worker's folder. */
export function resolvePath(from, specifier) {
  if (!/^\.\.?\//.test(specifier)) throw new Error(`${from}: "${specifier}" is not a file of the worker`);
  const path = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (path.startsWith('../')) throw new Error(`${from}: "${specifier}" is outside the worker's folder`);
  return path;
}

/** `c as d,e` (an export clause's inside) → `d:c,e` (an object literal's). */
export function toObject(clause) {
  return clauseNames(clause, 'export')
    .map(([name, alias]) => (alias && alias !== name ? `${alias}:${name}` : name))
    .join(',');
}

/**
 * Link one file. `path` is its path in the worker's folder (`worker.js`, `chunks/x.js`).
 * @returns {Promise<{ code: string, edits: MagicString, imports: string[] }>} the linked code, the
 *   edits (for a source map) and the files it imports statically
 */
export async function linkFile(path, code, { entry = false, linked = new Set([path]) } = {}) {
  await init;
  const [found, exported] = parse(code);
  const edits = new MagicString(code);
  const statics = [];
  for (const imp of found) {
    if (imp.d === -2) {
      if (!entry) throw new Error(`${path} reads import.meta: only the entry may`);
    } else if (imp.d === -1) {
      if (entry) throw new Error(`${path} is the entry: it may not import statically (${imp.n})`);
      const statement = code.slice(imp.ss, imp.se);
      const m = /^import\s*(\{[^}]*\})?\s*(?:from\s*)?["'][^"']+["']$/.exec(statement);
      if (!m) throw new Error(`${path}: cannot link "${statement}"`);
      const target = resolvePath(path, imp.n);
      if (!linked.has(target)) throw new Error(`${path} imports ${target}, which is not linked`);
      statics.push({ path: target, pattern: toPattern(m[1]) });
      edits.remove(imp.ss, imp.se);
    } else if (imp.n !== undefined) {
      // import("./x.js") → __aiChatImport("chunks/x.js"); an import of a computed URL stays.
      const target = resolvePath(path, imp.n);
      edits.overwrite(imp.ss, imp.d, IMPORT);
      edits.overwrite(imp.s, imp.e, JSON.stringify(target));
    }
  }
  if (entry) return { code: edits.toString(), edits, imports: [] };
  // The `export{…}` statement becomes the function's result.
  const tail = EXPORTS.exec(code);
  const names = tail ? toObject(tail[1]) : '';
  if (names.split(',').filter(Boolean).length !== exported.length)
    throw new Error(`${path}: its exports are not one export{…} at its end`);
  const calls = statics.map((s) => `${IMPORT}(${JSON.stringify(s.path)})`).join(',');
  const patterns = statics.map((s) => s.pattern);
  let prelude = `${FILES}[${JSON.stringify(path)}]=(async()=>{`;
  if (patterns.some(Boolean)) prelude += `const[${patterns.join(',')}]=await Promise.all([${calls}]);`;
  else if (statics.length > 0) prelude += `await Promise.all([${calls}]);`;
  edits.prepend(prelude);
  const result = `return{${names}}})();`;
  if (tail) edits.overwrite(tail.index, tail.index + tail[0].length, result);
  else edits.appendLeft(code.search(/\n?(?:\/\/# sourceMappingURL=\S+\s*)?$/), `;${result}`);
  return { code: edits.toString(), edits, imports: statics.map((s) => s.path) };
}

/**
 * A file both workers import (web-llm, wllama: no import of its own): its exports stay, and go into
 * `__aiChatFiles` under its path too, for the linked worker.
 */
export async function register(path, code) {
  await init;
  const [found, exported] = parse(code);
  if (found.some((imp) => imp.d === -1 || imp.d === -2))
    throw new Error(`${path} imports: it cannot be shared`);
  const tail = EXPORTS.exec(code);
  if (!tail || toObject(tail[1]).split(',').filter(Boolean).length !== exported.length)
    throw new Error(`${path}: its exports are not one export{…} at its end`);
  const registered = `;${FILES_ANYWHERE}[${JSON.stringify(path)}]=Promise.resolve({${toObject(tail[1])}});`;
  return `${code.slice(0, tail.index)}${registered}${code.slice(tail.index)}`;
}

/** Throws when the static imports (path → paths it imports) form a cycle. */
export function assertNoCycle(graph) {
  const state = new Map();
  const visit = (node, trail) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open')
      throw new Error(`the worker's chunks import in a cycle: ${[...trail, node].join(' → ')}`);
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
}

/**
 * Link every file of a built worker. `files`: path → `{ code, map? }` (esbuild's output and its
 * source map as an object, when it has one); `entry`: the entry's path.
 * @returns {Map<string, { code: string, map?: object }>}
 */
export async function linkWorker(files, entry) {
  const linked = new Map();
  const graph = new Map();
  for (const [path, { code, map }] of files) {
    const result = await linkFile(path, code, { entry: path === entry, linked: new Set(files.keys()) });
    graph.set(path, result.imports);
    if (!map) {
      linked.set(path, { code: result.code });
      continue;
    }
    // The edits' map (linked → esbuild's output), composed with esbuild's (its output → src/).
    const edit = result.edits.generateMap({ hires: 'boundary', source: path });
    const composed = remapping(edit.toString(), (_, { depth }) => (depth === 1 ? map : null));
    linked.set(path, { code: result.code, map: { ...composed, file: map.file } });
  }
  assertNoCycle(graph);
  return linked;
}

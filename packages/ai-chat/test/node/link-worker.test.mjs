// The linker of the npm worker's files (scripts/link-worker.mjs): pure functions, table tests; then
// the built files (dist/cdn/linked/) evaluated in Node against a stand-in for the worker's
// `__aiChatImport`, under other names than esbuild gave them, as a bundler's copies have.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  assertNoCycle,
  linkFile,
  register,
  resolvePath,
  toObject,
  toPattern,
} from '../../scripts/link-worker.mjs';

describe('link-worker: pure parts', () => {
  it('toPattern turns an import clause into a destructuring pattern', () => {
    for (const [clause, pattern] of [
      [undefined, ''],
      ['{a}', '{a}'],
      ['{a as b,c as $d}', '{a:b,c:$d}'],
      ['{ default as x , y }', '{default:x,y}'],
    ])
      assert.equal(toPattern(clause), pattern, clause);
    assert.throws(() => toPattern('{a-b}'), /cannot link/);
  });

  it('toObject turns an export clause into an object literal', () => {
    for (const [clause, object] of [
      ['', ''],
      ['a', 'a'],
      ['x as a,y as b', 'a:x,b:y'],
      ['a as a', 'a'],
    ])
      assert.equal(toObject(clause), object, clause);
  });

  it("resolvePath gives a file's path in the worker's folder, and refuses any other", () => {
    for (const [from, specifier, path] of [
      ['linked/worker.js', './start-X.js', 'linked/start-X.js'],
      ['linked/a.js', '../chunks/web-llm-Y.js', 'chunks/web-llm-Y.js'],
      ['worker.js', './chunks/x.js', 'chunks/x.js'],
    ])
      assert.equal(resolvePath(from, specifier), path);
    assert.throws(() => resolvePath('linked/a.js', 'lit'), /not a file of the worker/);
    assert.throws(() => resolvePath('a.js', '../x.js'), /outside/);
  });

  it('assertNoCycle passes a tree and names a cycle', () => {
    assertNoCycle(
      new Map([
        ['a', ['b', 'c']],
        ['b', ['c']],
        ['c', []],
      ]),
    );
    assert.throws(
      () =>
        assertNoCycle(
          new Map([
            ['a', ['b']],
            ['b', ['c']],
            ['c', ['a']],
          ]),
        ),
      /a → b → c → a/,
    );
  });
});

describe('link-worker: linkFile', () => {
  const linked = new Set(['linked/worker.js', 'linked/a.js', 'linked/b.js', 'linked/c.js']);

  it('a chunk: its imports awaited through __aiChatImport, the promise of its exports in __aiChatFiles', async () => {
    const code =
      'import{x as a}from"./b.js";import"./c.js";const f=()=>import("./b.js");const g=()=>import("../chunks/lib-Z.js");var v=a+1;export{v as y,f};\n//# sourceMappingURL=a.js.map\n';
    const { code: out, imports } = await linkFile('linked/a.js', code, { linked });
    assert.equal(
      out,
      '__aiChatFiles["linked/a.js"]=(async()=>{const[{x:a},]=await Promise.all([__aiChatImport("linked/b.js"),__aiChatImport("linked/c.js")]);;;const f=()=>__aiChatImport("linked/b.js");const g=()=>__aiChatImport("chunks/lib-Z.js");var v=a+1;return{y:v,f}})();\n//# sourceMappingURL=a.js.map\n',
    );
    assert.deepEqual(imports, ['linked/b.js', 'linked/c.js']);
  });

  it('a chunk with no import and no export still gives its (empty) exports', async () => {
    const { code } = await linkFile('linked/c.js', 'globalThis.n=1;', { linked });
    assert.equal(code, '__aiChatFiles["linked/c.js"]=(async()=>{globalThis.n=1;;return{}})();');
  });

  it('register: a shared file keeps its exports and gives them to __aiChatFiles too', async () => {
    assert.equal(
      await register('chunks/lib-Z.js', 'function q(){}var w=1;export{q as run,w};'),
      'function q(){}var w=1;;(globalThis.__aiChatFiles||={})["chunks/lib-Z.js"]=Promise.resolve({run:q,w});export{q as run,w};',
    );
    await assert.rejects(register('chunks/lib-Z.js', 'import"./x.js";export{};'), /cannot be shared/);
  });

  it('the entry: only its dynamic imports change; a computed URL stays', async () => {
    const code = 'const u=import.meta.url;const i=p=>import(p);i(u);import("./a.js");export{u};';
    const { code: out } = await linkFile('linked/worker.js', code, { entry: true, linked });
    assert.equal(
      out,
      'const u=import.meta.url;const i=p=>import(p);i(u);__aiChatImport("linked/a.js");export{u};',
    );
  });

  it('refuses what it cannot link: a static import in the entry, import.meta in a chunk, a file not linked, other exports', async () => {
    await assert.rejects(linkFile('linked/worker.js', 'import"./a.js";', { entry: true, linked }), /entry/);
    await assert.rejects(
      linkFile('linked/a.js', 'export{};const u=import.meta.url;', { linked }),
      /import\.meta/,
    );
    await assert.rejects(linkFile('linked/a.js', 'import"./zz.js";', { linked }), /not linked/);
    await assert.rejects(linkFile('linked/a.js', 'export const q=1;', { linked }), /export\{…\}/);
  });
});

describe('the built npm worker (dist/cdn/linked/), evaluated in Node', () => {
  const dir = new URL('../../dist/cdn/', import.meta.url);
  const files = readdirSync(new URL('linked/', dir)).filter((f) => f.endsWith('.js'));

  it('every file but the entry is linked: no static import, no export, no import.meta; the runtimes keep theirs', async () => {
    for (const file of files.filter((f) => f !== 'worker.js')) {
      const code = readFileSync(new URL(`linked/${file}`, dir), 'utf8');
      assert.ok(code.startsWith(`__aiChatFiles["linked/${file}"]=(async()=>{`), file);
      assert.doesNotMatch(code, /(^|[;}])(import\s*[{"*]|export\s*\{)|import\.meta/, file);
    }
    const runtimes = readdirSync(new URL('chunks/', dir)).filter((f) => /^(web-llm|wllama)-\w+\.js$/.test(f));
    assert.equal(runtimes.length, 2);
    for (const file of runtimes) {
      const code = readFileSync(new URL(`chunks/${file}`, dir), 'utf8');
      assert.match(
        code,
        new RegExp(
          `;\\(globalThis\\.__aiChatFiles\\|\\|=\\{\\}\\)\\["chunks/${file}"\\]=Promise\\.resolve\\(\\{`,
        ),
      );
      assert.match(code, /export\{[^}]+\};?\s*$/);
    }
  });

  it('its start chunk loads under other names: every file it needs found by path, each evaluated once', async () => {
    const entry = readFileSync(new URL('linked/worker.js', dir), 'utf8');
    const start = /__aiChatImport\("(linked\/start-[\w-]+\.js)"\)/.exec(entry)?.[1];
    assert.ok(start, 'the entry imports its start chunk through __aiChatImport');
    // Each file as a bundler copies it: the same bytes at a URL that says nothing of its name.
    const copies = new Map();
    const loaded = [];
    globalThis.__aiChatFiles = {};
    globalThis.__aiChatImport = (path) => {
      if (!copies.has(path)) {
        loaded.push(path);
        const code = readFileSync(new URL(path, dir), 'utf8');
        copies.set(path, import(`data:text/javascript,${encodeURIComponent(code)}`));
      }
      return copies.get(path).then(() => globalThis.__aiChatFiles[path]);
    };
    try {
      const exports = await globalThis.__aiChatImport(start);
      // Rollup hands a dynamic import its module's namespace under a short name, which the entry reads.
      const key =
        /__aiChatImport\("linked\/start-[\w-]+\.js"\)\.then\(function\(\w+\)\{return \w+\.(\w+)\}\)/.exec(
          entry,
        )?.[1];
      assert.equal(typeof (key ? exports[key] : exports).start, 'function');
      // Each runtime's backend (its preflight) imports start and what they share by path.
      const backends = [
        ...readFileSync(new URL(start, dir), 'utf8').matchAll(/"(linked\/backend-[\w-]+\.js)"/g),
      ];
      assert.equal(backends.length, 2, 'a backend chunk per worker runtime');
      for (const [, backend] of backends) await globalThis.__aiChatImport(backend);
      assert.ok(loaded.length > 3, `start, the backends and the chunks they import: ${loaded}`);
      assert.ok(
        loaded.every((p) => p.startsWith('linked/')),
        'nothing of the runtimes before a model loads',
      );
    } finally {
      delete globalThis.__aiChatImport;
      delete globalThis.__aiChatFiles;
    }
  });
});

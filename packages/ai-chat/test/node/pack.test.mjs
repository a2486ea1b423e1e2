// The tarball npm users get: `pnpm pack` into a temp dir, then publint (must be clean, suggestions
// included) and @arethetypeswrong/cli (ESM-only profile: every entry point resolves with types).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(pkg, 'node_modules/.bin', name);
let dir;
let tarball;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-chat-pack-'));
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkg, stdio: 'pipe' });
  tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz')),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it("holds the entry points, types, workers, script-tag build, custom-elements.json and the editors' files", () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const file of [
      'package/package.json',
      'package/README.md',
      'package/custom-elements.json',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/ai-chat.js',
      'package/dist/react.js',
      'package/dist/react.d.ts',
      // what `ai-chat`, `ai-chat/ai-chat.js` and `ai-chat/react` import: the bundled entries
      'package/dist/npm/index.js',
      'package/dist/npm/ai-chat.js',
      'package/dist/npm/react.js',
      'package/dist/worker-files.js',
      'package/dist/vscode.html-custom-data.json',
      'package/dist/web-types.json',
      'package/dist/cdn/ai-chat.js',
      'package/dist/cdn/worker.js',
      'package/dist/cdn/linked/worker.js',
      // wllama's WebAssembly, once, beside the script-tag worker (never from a third-party host)
      'package/dist/cdn/wllama/wllama.wasm',
      'package/dist/cdn/wllama/compat/wllama.js',
      'package/dist/cdn/wllama/compat/wllama.wasm',
    ]) {
      assert.ok(files.includes(file), `${file} in the tarball`);
    }
    assert.ok(!files.some((f) => f.startsWith('package/dist/engine/wllama/')), 'one copy of wllama, not two');
    // web-llm and wllama once each, as files both workers import.
    assert.equal(files.filter((f) => /^package\/dist\/cdn\/chunks\/web-llm-\w+\.js$/.test(f)).length, 1);
    assert.equal(files.filter((f) => /^package\/dist\/cdn\/chunks\/wllama-\w+\.js$/.test(f)).length, 1);
    // Every file dist/worker-files.js names for bundlers (npm installs) is in the tarball where it points.
    const unpacked = join(dir, 'assets');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
    const list = readFileSync(join(unpacked, 'package/dist/worker-files.js'), 'utf8');
    const named = [
      ...list.matchAll(/new URL\("\.\/(cdn\/[^"?]+)(?:\?no-inline)?", import\.meta\.url\)/g),
    ].map((m) => m[1]);
    assert.ok(named.length > 10, `the npm worker's files: ${named}`);
    for (const path of named)
      assert.ok(files.includes(`package/dist/${path}`), `dist/worker-files.js names ${path}`);
    for (const wllama of ['wllama/wllama.wasm', 'wllama/compat/wllama.js', 'wllama/compat/wllama.wasm'])
      assert.ok(named.includes(`cdn/${wllama}`), `the npm worker finds ${wllama}`);
    assert.ok(!files.some((f) => f.includes('/test/')), 'no tests in the tarball');
    console.log(
      `# ${tarball.split('/').at(-1)}: ${files.filter(Boolean).length} files, ${statSync(tarball).size} bytes`,
    );
  });

  it('carries no source map of third-party code: no map for a vendor-only chunk, no third-party source text in any map', () => {
    const unpacked = join(dir, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
    const root = join(unpacked, 'package');
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(root, f)).isFile());
    const maps = files.filter((f) => f.endsWith('.map'));
    const thirdParty = (source) => /(^|\/)node_modules\//.test(source);
    for (const name of maps) {
      const map = JSON.parse(readFileSync(join(root, name), 'utf8'));
      assert.ok(
        map.sources.some((s) => !thirdParty(s)),
        `${name} maps only third-party code: ${map.sources.slice(0, 3)}`,
      );
      const carried = map.sources.filter((s, i) => thirdParty(s) && map.sourcesContent?.[i] != null);
      assert.deepEqual(carried, [], `${name} carries third-party source text`);
    }
    // Every script that names a map has it beside it; web-llm's chunk names none.
    for (const name of files.filter((f) => f.endsWith('.js'))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(root, name), 'utf8'))?.[1];
      if (url) assert.ok(files.includes(join(name, '..', url)), `${name} names ${url}, which is missing`);
    }
    for (const runtime of ['web-llm', 'wllama']) {
      const lib = files.find((f) => new RegExp(`^dist/cdn/chunks/${runtime}-\\w+\\.js$`).test(f));
      assert.ok(lib, `the ${runtime} file`);
      assert.ok(!files.includes(`${lib}.map`), `${lib}.map in the tarball`);
    }
    const unpackedBytes = files.reduce((n, f) => n + statSync(join(root, f)).size, 0);
    const mapBytes = maps.reduce((n, f) => n + statSync(join(root, f)).size, 0);
    console.log(
      `# packed ${statSync(tarball).size} bytes, unpacked ${unpackedBytes} bytes, maps ${mapBytes} bytes`,
    );
  });

  it('publint: all good, suggestions included', () => {
    const out = execFileSync(bin('publint'), ['run', tarball, '--level', 'suggestion', '--strict'], {
      encoding: 'utf8',
    });
    console.log(out.trim().replace(/^/gm, '# '));
    assert.match(out, /All good!/);
  });

  it('arethetypeswrong (esm-only profile): no problem in any entry point', () => {
    let out;
    try {
      out = execFileSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], {
        encoding: 'utf8',
      });
    } catch (error) {
      assert.fail(`attw found problems:\n${error.stdout}`);
    }
    const { analysis } = JSON.parse(out);
    assert.deepEqual(Object.keys(analysis.entrypoints).sort(), [
      '.',
      './ai-chat.js',
      './custom-elements.json',
      './jsx/preact',
      './jsx/react',
      './jsx/solid',
      './package.json',
      './react',
      './testing',
      './worker.js',
    ]);
    const esm = analysis.problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
    assert.deepEqual(esm, []);
  });
});

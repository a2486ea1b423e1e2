// What a bundler keeps from the package, given its "sideEffects" field (esbuild honours it as
// Vite/Rollup and webpack do): `import 'ai-chat'` registers the element; the class alone does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('../..', import.meta.url));

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: pkg, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('bundling the package (sideEffects)', () => {
  it("import 'ai-chat' keeps the registration and names every file of the worker, none bundled", async () => {
    const code = await bundle(`import 'ai-chat';`);
    assert.match(code, /customElements\.define\("ai-chat"/);
    // As `new URL('…', import.meta.url)`, which Vite, webpack and Parcel copy, and others leave alone.
    assert.match(code, /entry: new URL\("\.\/cdn\/linked\/worker\.js\?no-inline", import\.meta\.url\)/);
    for (const file of [
      /linked\/start-\w+\.js/,
      /chunks\/web-llm-\w+\.js/,
      /chunks\/wllama-\w+\.js/,
      /wllama\/wllama\.wasm/,
    ])
      assert.match(code, new RegExp(`new URL\\("\\./cdn/${file.source}`), file.source);
    // Never `new Worker(new URL(…))`: Vite would bundle the worker again, as one file with web-llm in it.
    assert.doesNotMatch(code, /new Worker\(\s*new URL/);
    assert.doesNotMatch(code, /MLC_DUMMY_REQUIRE_VAR|prebuiltAppConfig/);
  });

  it("import { AiChat } from 'ai-chat/ai-chat.js' keeps the class and registers nothing", async () => {
    const code = await bundle(`import { AiChat } from 'ai-chat/ai-chat.js'; console.log(AiChat);`);
    // The class, minified by the package's build: its properties are declared on its prototype.
    assert.match(code, /attribute:\s*"show-stats"[^)]*\)\],\s*\w+\.prototype,\s*"showStats"/);
    assert.doesNotMatch(code, /customElements\.define/);
  });
});

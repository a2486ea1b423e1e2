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
  it("import 'ai-chat' keeps the registration and the worker URL", async () => {
    const code = await bundle(`import 'ai-chat';`);
    assert.match(code, /customElements\.define\("ai-chat"/);
    assert.match(code, /new Worker\(new URL\("\.\/worker\.js", import\.meta\.url\)/);
  });

  it("import { AiChat } from 'ai-chat/ai-chat.js' keeps the class and registers nothing", async () => {
    const code = await bundle(`import { AiChat } from 'ai-chat/ai-chat.js'; console.log(AiChat);`);
    assert.match(code, /AiChat = class|class AiChat/);
    assert.doesNotMatch(code, /customElements\.define/);
  });
});

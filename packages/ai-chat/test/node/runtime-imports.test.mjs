// The library check (src/engine/worker/webllm/library-check.ts) links a model library against our copy of
// what web-llm's tvmjs runtime provides. This reads the installed web-llm's bundle and checks the copy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { transformSync } from 'esbuild';

const require = createRequire(import.meta.url);
const bundle = readFileSync(require.resolve('@mlc-ai/web-llm'), 'utf8');
const source = readFileSync(
  new URL('../../src/engine/worker/webllm/runtime-imports.ts', import.meta.url),
  'utf8',
);
const { code } = transformSync(source, { loader: 'ts', format: 'esm' });
const { RUNTIME_IMPORTS } = await import(`data:text/javascript,${encodeURIComponent(code)}`);

/** Keys of an object literal `{a:x,b:y}` or `{"a": x, ...}` (no nesting). */
const keys = (literal) => [...literal.matchAll(/(?:^|,)\s*"?([\w$]+)"?\s*:/g)].map((m) => m[1]);

describe("the runtime imports of the installed web-llm's tvmjs (node)", () => {
  it('the WASI polyfill (EmccWASI) provides exactly our wasi_snapshot_preview1 list', () => {
    const all = [...bundle.matchAll(/var wasmImports=\{([^}]*)\}/g)].map((m) => keys(m[1]));
    const polyfill = all.find((k) => k.includes('TVMFFIWasmSafeCall'));
    assert.ok(polyfill, 'the tvmjs WASI polyfill in the bundle');
    assert.deepEqual([...RUNTIME_IMPORTS.wasi_snapshot_preview1].sort(), [...polyfill].sort());
  });

  it("the Environment adds its defaults and its own functions to env, and env has the polyfill's too", () => {
    const env =
      /class Environment \{[\s\S]*?const defaultEnv = \{([\s\S]*?)\};[\s\S]*?const newEnv = \{([\s\S]*?)\n\s*\};/.exec(
        bundle,
      );
    assert.ok(env, 'class Environment in the bundle');
    const added = [...keys(env[1].replace(/=>[^,]*/g, '')), ...keys(env[2].replace(/=>[\s\S]*?\}/g, ''))];
    assert.deepEqual(added.sort(), [
      'TVMFFIWasmFunctionDeleter',
      'TVMFFIWasmSafeCall',
      '__console_log',
      '__cxa_thread_atexit',
      'emscripten_notify_memory_growth',
    ]);
    assert.deepEqual(
      [...RUNTIME_IMPORTS.env].sort(),
      [...new Set([...RUNTIME_IMPORTS.wasi_snapshot_preview1, ...added])].sort(),
    );
  });
});

// What the tvmjs runtime bundled in @mlc-ai/web-llm 0.2.86 hands a model library when it starts it
// (`instantiate(wasm, createPolyfillWASI())`): the Emscripten `wasmImports` of its WASI polyfill,
// under both module names, and on `env` its own `Environment` functions too.
// `test/node/runtime-imports.test.mjs` reads web-llm's bundle and checks this copy: after an
// upgrade of web-llm, update it from `lib/index.js` (`var wasmImports={...}`, `class Environment`).

const WASI_POLYFILL = [
  'TVMFFIWasmFunctionDeleter',
  'TVMFFIWasmSafeCall',
  'clock_time_get',
  'emscripten_notify_memory_growth',
  'environ_get',
  'environ_sizes_get',
  'fd_close',
  'fd_read',
  'fd_seek',
  'fd_write',
  'proc_exit',
];

/** The `Environment`'s defaults and its own functions, added to `env` only. */
const ENVIRONMENT = [
  '__cxa_thread_atexit',
  'emscripten_notify_memory_growth',
  'TVMFFIWasmSafeCall',
  'TVMFFIWasmFunctionDeleter',
  '__console_log',
];

/** Function imports the runtime provides, by module name. */
export const RUNTIME_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  env: [...new Set([...WASI_POLYFILL, ...ENVIRONMENT])],
  wasi_snapshot_preview1: WASI_POLYFILL,
};

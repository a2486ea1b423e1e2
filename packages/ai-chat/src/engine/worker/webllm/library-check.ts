/**
 * The model library before the weights: can the bundled web-llm start it? Compiles the library
 * and links its imports against what web-llm's tvmjs runtime provides (`RUNTIME_IMPORTS`), without
 * running it, so a library built for another web-llm version is found for the price of the
 * library alone. The error keeps WebAssembly's own words (the `CompileError`, or the `LinkError`
 * naming the import), named `ModelLibraryError`: trying again cannot help.
 */
import { cachedResponse, openScope } from '../shared/cache-store.js';
import { named } from '../../errors.js';
import { fetchOk } from '../shared/http.js';
import type { ModelPlan } from './model-files.js';
import { RUNTIME_IMPORTS } from './runtime-imports.js';

type Imports = Record<string, Record<string, () => never>>;

/** The imports a module asks for that the runtime does not provide as functions. */
export function missingImports(
  wanted: readonly WebAssembly.ModuleImportDescriptor[],
  provided: Readonly<Record<string, readonly string[]>> = RUNTIME_IMPORTS,
): WebAssembly.ModuleImportDescriptor[] {
  return wanted.filter((i) => i.kind !== 'function' || !provided[i.module]?.includes(i.name));
}

/** Stand-ins for the runtime's functions, never called: they only let WebAssembly link. */
function stubImports(provided: Readonly<Record<string, readonly string[]>>): Imports {
  const never = () => {
    throw new Error('a stand-in for the web-llm runtime was called');
  };
  return Object.fromEntries(
    Object.entries(provided).map(([module, names]) => [
      module,
      Object.fromEntries(names.map((n) => [n, never])),
    ]),
  );
}

const libraryError = (error: unknown) =>
  named('ModelLibraryError', error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Resolves when web-llm can start the library in `bytes`; rejects with a `ModelLibraryError`
 * whose message is WebAssembly's (`CompileError: WebAssembly.compile(): expected magic word …`,
 * `LinkError: WebAssembly.instantiate(): Import #2 "env" "_ZN3tvm…": function import requires a
 * callable`). Links only when an import is missing, to get WebAssembly's words for it: a library
 * that links is never instantiated here.
 */
export async function checkModelLibrary(
  bytes: BufferSource,
  provided: Readonly<Record<string, readonly string[]>> = RUNTIME_IMPORTS,
): Promise<void> {
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (error) {
    throw libraryError(error);
  }
  const missing = missingImports(WebAssembly.Module.imports(module), provided);
  if (missing.length === 0) return;
  try {
    await WebAssembly.instantiate(module, stubImports(provided));
  } catch (error) {
    throw libraryError(error);
  }
  // Linked after all (an import of another kind that WebAssembly accepted): say which was odd.
  throw named(
    'ModelLibraryError',
    `LinkError: the model library imports ${missing.map((i) => `${i.module}.${i.name} (${i.kind})`).join(', ')}, which web-llm's runtime does not provide`,
  );
}

/**
 * Fetch the plan's model library (or read it from the cache) and check it before any weight:
 * returns the plan with the library marked as cached when it was stored here, so the downloader
 * does not fetch it again.
 */
export async function checkPlanLibrary(plan: ModelPlan, signal?: AbortSignal): Promise<ModelPlan> {
  const file = plan.files.find((f) => f.kind === 'library');
  if (!file) return plan;
  const hit = file.scope ? await cachedResponse(file.scope, file.url) : undefined;
  const response = hit ?? (await fetchOk(file.url, signal ? { signal } : {}));
  const bytes = await response.clone().arrayBuffer();
  signal?.throwIfAborted();
  await checkModelLibrary(bytes);
  if (hit || !file.scope) return plan;
  // Stored as the downloader would, where WebLLM reads it.
  const headers = new Headers(response.headers);
  headers.set('content-length', String(bytes.byteLength));
  await (
    await openScope(file.scope)
  ).put(new Request(file.url), new Response(bytes, { status: 200, headers }));
  return {
    ...plan,
    files: plan.files.map((f) => (f === file ? { ...f, bytes: bytes.byteLength, cached: true } : f)),
  };
}

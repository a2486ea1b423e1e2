/**
 * Before wllama starts: can this context compile WebAssembly and start a worker from a `blob:`
 * URL, as wllama does? A Content-Security-Policy without `'wasm-unsafe-eval'` or without `blob:`
 * in `worker-src` makes wllama fail obscurely or hang forever; here it is a clear error within
 * `timeoutMs`. (A blob worker inherits the policy of the context that creates it: this one.)
 */
import { named } from '../../errors.js';

const cspError = (message: string) => named('ContentSecurityPolicyError', message);

/** The smallest valid module: the magic word and version. */
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export async function checkCsp(timeoutMs = 5000): Promise<void> {
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch {
    throw cspError(
      "the page's Content-Security-Policy does not allow compiling wasm: the CPU runtime needs script-src 'wasm-unsafe-eval'",
    );
  }
  const scope = globalThis as unknown as EventTarget;
  const blocked = cspError(
    "the page's Content-Security-Policy blocks the CPU runtime's worker: it needs worker-src blob: (and script-src 'wasm-unsafe-eval')",
  );
  let worker: Worker | undefined;
  let url: string | undefined;
  let onViolation: ((event: Event) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onViolation = (event) => {
        const directive = (event as SecurityPolicyViolationEvent).effectiveDirective ?? '';
        if (/worker|script|child/.test(directive) || !directive) reject(blocked);
      };
      scope.addEventListener('securitypolicyviolation', onViolation);
      timer = setTimeout(() => reject(blocked), timeoutMs);
      try {
        url = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
        worker = new Worker(url, { type: 'module' });
      } catch {
        return reject(blocked);
      }
      worker.onmessage = () => resolve();
      worker.onerror = (event) => {
        event.preventDefault();
        reject(blocked);
      };
    });
  } finally {
    clearTimeout(timer);
    if (onViolation) scope.removeEventListener('securitypolicyviolation', onViolation);
    worker?.terminate();
    if (url) URL.revokeObjectURL(url);
  }
}

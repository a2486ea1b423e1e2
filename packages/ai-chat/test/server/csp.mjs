// `?csp=<name>` on a worker script serves it with a Content-Security-Policy (a dedicated worker
// takes its policy from its own response), to test pages that lock the CPU runtime out.
const POLICIES = {
  // Workers only from our origin: wllama's blob: workers are blocked.
  'no-blob':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'",
  // No 'wasm-unsafe-eval': WebAssembly cannot be compiled.
  'no-wasm': "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'",
};

export async function cspHeaders(ctx, next) {
  await next();
  const policy = POLICIES[ctx.query.csp];
  if (policy) ctx.set('Content-Security-Policy', policy);
}

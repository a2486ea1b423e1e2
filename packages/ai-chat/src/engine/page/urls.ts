/**
 * URLs a page gives the element (`model-url`, `model-lib-url`), made absolute on the page, against
 * the document's base URL, before they reach the worker: inside the worker a relative URL would
 * resolve against the worker's script (another folder, or a `blob:` URL when the script comes from
 * another origin, where it cannot resolve at all). Pure.
 */

/** `value` resolved against `base`; undefined when it is not a URL at all. */
export function resolveUrl(value: string, base: string): string | undefined {
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** The spec's model URLs made absolute against `base` (the page's `document.baseURI`). */
export function resolveSpecUrls<T extends { modelUrl?: string; modelLibUrl?: string }>(
  spec: T,
  base: string,
): T {
  const out = { ...spec };
  for (const key of ['modelUrl', 'modelLibUrl'] as const) {
    const value = spec[key];
    if (typeof value === 'string') {
      const href = resolveUrl(value, base);
      if (href !== undefined) out[key] = href;
    }
  }
  return out;
}

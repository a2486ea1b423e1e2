/**
 * The CPU runtime's row (see `../shared/backend-row.ts`): a `.gguf` URL or an id of the GGUF
 * catalog names it. Its wasm builds load from `assets`, beside our worker script: never from
 * wllama's default public CDN.
 */
import type { BackendRow } from '../shared/backend-row.js';
import type { WllamaAssets } from './assets.js';
import type { CatalogModel } from './gguf-catalog.js';

/** What the CPU runtime is made with: its wasm builds, and its catalog (imported when first needed). */
export interface WllamaOptions {
  assets: WllamaAssets;
  catalog(): Promise<readonly CatalogModel[]>;
}

/** A `model-url` naming a GGUF file: the CPU runtime, unambiguously. */
export const isGgufUrl = (url: string | undefined) =>
  url !== undefined && /\.gguf$/i.test(url.split(/[?#]/)[0]!);

export const wllamaRow: BackendRow<WllamaOptions> = {
  claims: (spec, catalog) =>
    isGgufUrl(spec.modelUrl) || (!spec.modelUrl && catalog.some((m) => m.id === spec.model))
      ? 'owns'
      : undefined,
  async create({ assets, catalog }) {
    // The catalog only when a spec names no GGUF file (an id, or `auto`).
    const { createWllamaBackend } = await import('./backend.js');
    return createWllamaBackend(assets, catalog);
  },
};

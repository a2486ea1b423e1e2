/**
 * The WebGPU runtime's row (see `../shared/backend-row.ts`): WebLLM's model list is in the backend's
 * chunk, so any model id, or a model URL no other runtime owns (an MLC folder), is taken here and
 * checked at the preflight; a device without a WebGPU adapter is refused before the chunk is
 * imported.
 */
import type { BackendRow } from '../shared/backend-row.js';
import { deviceOnce } from '../../../fit/device.js';
import { noWebGPU } from '../shared/errors.js';

export const webllmRow: BackendRow<unknown> = {
  claims: (spec) => (spec.modelUrl || spec.model !== 'auto' ? 'accepts' : undefined),
  async check() {
    if (!(await deviceOnce()).webgpu) throw noWebGPU();
  },
  create: () => import('./backend.js').then((m) => m.createWebLLMBackend()),
};

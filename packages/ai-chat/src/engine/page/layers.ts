/**
 * The worker runtime's layers, a chunk of their own (see `worker-side.ts`): the crash guard around
 * the worker runtime, and, when tabs share the model (`name`: its lock and channel), the sharing
 * between tabs around both.
 */
import type { ModelSpec } from '../protocol.js';
import type { Runtime } from '../runtime.js';
import { guard } from './crash-guard.js';
import { tabShare } from './share/tab-share.js';

export async function layers(spec: ModelSpec, plain: Runtime, name: string): Promise<Runtime> {
  const guarded = await guard(spec, plain);
  return name ? tabShare(guarded, name) : guarded;
}

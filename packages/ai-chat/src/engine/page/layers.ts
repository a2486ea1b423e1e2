/**
 * The worker runtime's layers, a chunk of their own (see `worker-side.ts`): the crash guard around
 * the worker runtime, and, when tabs share the model (`name`: its lock and channel), the sharing
 * between tabs around both.
 */
import type { ModelSpec } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { guard } from './crash-guard.js';
import { tabShare } from './share/tab-share.js';

/** `seen`: the model the worker runtime's last preflight named, if it was asked already. */
export async function layers(
  spec: ModelSpec,
  plain: Runtime,
  name: string,
  seen: RuntimeModel | undefined,
): Promise<Runtime> {
  const guarded = await guard(spec, plain, seen);
  return name ? tabShare(guarded, name) : guarded;
}

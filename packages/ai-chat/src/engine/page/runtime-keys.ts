/**
 * What makes an element's runtime, as comparable keys (pure): a change of the runtime key means a
 * new runtime; a change of the limits key re-checks a model that is not loaded yet. And the key of
 * a shared model worker before the model loads (`pool.ts`): everything that chooses the model
 * (model, URLs, runtimes, limits, speed), so that elements with other limits never share a worker
 * unless they chose one model (`settleWorker`).
 */
import type { ModelSpec } from '../protocol.js';
import type { RuntimeInputs } from './registry.js';

/** The worker of a spec before its preflight: everything that chooses the model. */
export const specKey = (spec: ModelSpec, workerUrl: string | undefined): string =>
  JSON.stringify(['spec', spec, workerUrl ?? '']);

export interface RuntimeKeys {
  runtime: string;
  limits: string;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
const identity = (value: object | undefined) => {
  if (!value) return 0;
  if (!identities.has(value)) identities.set(value, nextIdentity++);
  return identities.get(value)!;
};

export function runtimeKeys(inputs: RuntimeInputs): RuntimeKeys {
  const { model, modelUrl, modelLibUrl, maxDownloadBytes, maxMemoryBytes } = inputs.spec;
  return {
    runtime: JSON.stringify([
      identity(inputs.engine),
      inputs.runtimes,
      model,
      modelUrl,
      modelLibUrl,
      inputs.workerUrl,
      inputs.share,
    ]),
    limits: JSON.stringify([maxDownloadBytes, maxMemoryBytes]),
  };
}

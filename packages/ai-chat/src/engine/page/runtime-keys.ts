/**
 * What makes an element's runtime, as comparable keys (pure): a change of the runtime key means a
 * new runtime; a change of the limits key re-checks a model that is not loaded yet.
 */
import type { RuntimeInputs } from './registry.js';

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

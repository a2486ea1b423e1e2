/**
 * What makes an element's runtime, as comparable keys (pure): a change of the runtime key means a
 * new runtime; a change of the limits key re-checks a model that is not loaded yet. And the keys
 * of the shared model workers (`pool.ts`): one per spec before its preflight (what chooses:
 * model, URLs, runtimes, limits, speed), one per model chosen after it (which model on which
 * runtime), so that elements with other limits never share a worker unless they chose one model.
 */
import { chosenSpec, type ModelSpec } from '../protocol.js';
import type { WorkerKind } from '../kinds.js';
import type { RuntimeInputs } from './registry.js';

/** The worker of a spec before its preflight: everything that chooses the model. */
export const specKey = (spec: ModelSpec, workerUrl: string | undefined): string =>
  JSON.stringify(['spec', spec, workerUrl ?? '']);

/** The worker of a chosen model: which model, on which runtime (see `chosenSpec`). */
export const chosenKey = (chosen: ModelSpec, workerUrl: string | undefined): string =>
  JSON.stringify(['chosen', chosen, workerUrl ?? '']);

/** The chosen spec and its worker's key, from a preflight's answer. */
export function choice(spec: ModelSpec, result: { id: string; runtime: WorkerKind }, workerUrl?: string) {
  const chosen = chosenSpec(spec, result);
  return { spec: chosen, key: chosenKey(chosen, workerUrl) };
}

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
    ]),
    limits: JSON.stringify([maxDownloadBytes, maxMemoryBytes]),
  };
}

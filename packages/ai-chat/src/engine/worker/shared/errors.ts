/**
 * The errors WebLLM itself would throw, thrown by our worker code before web-llm is loaded (the
 * page maps them to its codes by name): one place for their names and words. All but `notLoaded`
 * mean "this runtime cannot serve here", and are marked so: the router, and the page, try the
 * next runtime.
 */
import { named, unavailable } from '../../errors.js';

/** No WebGPU adapter in this browser. */
export const noWebGPU = () =>
  unavailable(named('WebGPUNotAvailableError', 'WebGPU is not supported in this environment.'));

/** The model needs shader-f16, which this device lacks (`alternative`: its f32 variant, when listed). */
export const noShaderF16 = (alternative: string | undefined) =>
  unavailable(
    named(
      'ShaderF16SupportError',
      `This model requires WebGPU extension shader-f16.${alternative ? ` Try ${alternative}.` : ''}`,
    ),
  );

/** A reply asked for before any model is loaded (or after it was unloaded). */
export const notLoaded = () => named('EngineNotLoadedError', 'No model is loaded');

/** A model id no list names. */
export const notFound = (model: string) =>
  unavailable(named('ModelNotFoundError', `Cannot find model record in appConfig for ${model}.`));

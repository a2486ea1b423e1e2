/**
 * The errors WebLLM itself would throw, thrown by our worker code before web-llm is loaded (the
 * page recognizes them by name): one place for their names and words.
 */
import { named } from './http.js';

/** No WebGPU adapter in this browser. */
export const noWebGPU = () =>
  named('WebGPUNotAvailableError', 'WebGPU is not supported in this environment.');

/** A model id no list names. */
export const notFound = (model: string) =>
  named('ModelNotFoundError', `Cannot find model record in appConfig for ${model}.`);

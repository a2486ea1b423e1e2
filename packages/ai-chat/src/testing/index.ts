/** Test and story helpers: a scripted engine with WebLLM's interface. Not part of the element's bundle. */
export {
  ScriptedEngine,
  tokenize,
  type ScriptedEngineOptions,
  type ScriptedReply,
} from './scripted-engine.js';
export { PromptApiStandIn, StandInSession, type PromptApiStandInOptions } from './prompt-api-stand-in.js';

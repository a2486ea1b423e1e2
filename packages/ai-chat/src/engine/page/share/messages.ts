/**
 * What the tabs sharing a model say to each other on its `BroadcastChannel` (one channel per model,
 * named like its Web Lock). Every message names its sender (`from`); replies name the tab they are
 * for (`to`), since every tab of the channel hears every message.
 */
import type { CompletionChunk, CompletionRequest } from '../../engine.js';
import type { WireError } from '../../protocol.js';
import type { RuntimeModel } from '../../runtime.js';

export type ShareMessage =
  /** Is there a host, and is its model loaded? */
  | { type: 'ask'; from: string }
  /** The host's answer: `model` once it is loaded. */
  | { type: 'state'; from: string; model?: RuntimeModel }
  /** The host loaded its model (said to every tab waiting for it). */
  | { type: 'ready'; from: string; model: RuntimeModel }
  /** A guest asks for a reply to its own conversation (`id`: the guest's number for that reply). */
  | { type: 'generate'; from: string; to: string; id: string; request: CompletionRequest }
  | { type: 'stop'; from: string; to: string; id: string }
  | { type: 'chunk'; from: string; to: string; id: string; chunk: CompletionChunk }
  /** The reply is over: finished, stopped, or failed (`error`). */
  | { type: 'end'; from: string; to: string; id: string; error?: WireError };

export const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** A guest's reply when the host tab closes or dies under it: marked interrupted, its text kept. */
export const HANDOVER: WireError = {
  name: 'AbortError',
  message: 'The tab that held the model closed during the reply',
};

/** The model as a guest sees it: loaded already, nothing to download or load here. */
export const guestModel = (model: RuntimeModel): RuntimeModel => ({ ...model, cached: true, free: true });

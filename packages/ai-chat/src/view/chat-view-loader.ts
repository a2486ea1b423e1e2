/**
 * Loads the conversation's half of the view (`chat-view.ts`) when the element first needs it, and
 * says when that is. Before then the element shows what comes before consent (the consent card,
 * the composer, errors) with its eager code only.
 */
import { AiChatError, firstLine } from '../errors.js';
import type { ChatStatus } from '../types.js';

export type ChatView = typeof import('./chat-view.js');

let loaded: ChatView | undefined;
let loading: Promise<ChatView> | undefined;

/** The chunk, once it is here. */
export const chatView = (): ChatView | undefined => loaded;

/** Import the chunk (once; a load that failed is tried again by the next call). */
export function loadChatView(): Promise<ChatView> {
  loading ??= import('./chat-view.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The chunk could not be fetched (a network cut, a CDN that lost a file): `network`, recoverable. */
export function chunkError(error: unknown): AiChatError {
  const detail = firstLine(String((error as Error | undefined)?.message ?? error));
  return new AiChatError('network', `Part of <ai-chat> could not be fetched (${detail})`, {
    detail,
    recoverable: true,
  });
}

/**
 * Whether the element needs the chunk: the model was asked for (or loads by itself), the page
 * handed in an engine, there is a conversation to show or one to restore, or the model is past
 * the consent card. Pure.
 */
export function needsChatView(s: {
  consented: boolean;
  customEngine: boolean;
  conversation: boolean;
  persist: boolean;
  status: ChatStatus;
}): boolean {
  return (
    s.consented ||
    s.customEngine ||
    s.conversation ||
    s.persist ||
    !['idle', 'checking', 'error'].includes(s.status)
  );
}

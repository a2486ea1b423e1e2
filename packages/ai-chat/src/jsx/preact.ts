/**
 * `<ai-chat>` in Preact's JSX (`import type {} from 'ai-chat/jsx/preact'` once in the app): its
 * properties and attributes, and its events as `onai-chat-message` and the like (Preact listens to
 * the event named after `on` when the element has no such property).
 */
import type { HTMLAttributes } from 'preact';
import type { AiChat } from '../ai-chat.js';
import type { AiChatAttributes, AiChatOnEvents, AiChatProperties } from './props.js';

export type AiChatPreactProps = HTMLAttributes<AiChat> & AiChatProperties & AiChatAttributes & AiChatOnEvents;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ai-chat': AiChatPreactProps;
    }
  }
}

/**
 * `<ai-chat>` in React 19's JSX (`import type {} from 'ai-chat/jsx/react'` once in the app): its
 * properties and attributes, and its events as `onai-chat-message` and the like (React 19 listens
 * to a custom element's event named after `on`). Or use `ai-chat/react`, the wrapper component.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AiChat } from '../ai-chat.js';
import type { AiChatAttributes, AiChatOnEvents, AiChatProperties } from './props.js';

export type AiChatReactProps = DetailedHTMLProps<HTMLAttributes<AiChat>, AiChat> &
  AiChatProperties &
  AiChatAttributes &
  AiChatOnEvents;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ai-chat': AiChatReactProps;
    }
  }
}

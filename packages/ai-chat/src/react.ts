/**
 * `ai-chat/react`: `<AiChat>` for React, made with `@lit/react`. Properties pass through as
 * props (`model`, `maxModelSize`, `engine`, `messages`, ...); events as `onAiChat…` props.
 * Importing it registers `<ai-chat>` (nothing else runs at import time, so it is safe in SSR).
 *
 * ```tsx
 * import { AiChat } from 'ai-chat/react';
 * <AiChat model="auto" onAiChatMessage={(e) => console.log(e.message)} />
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { AiChat as AiChatElement } from './ai-chat.js';
import './define.js';
import type {
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatProgressEvent,
  AiChatReadyEvent,
  AiChatStatsEvent,
  AiChatStatusEvent,
  AiChatThresholdEvent,
} from './events.js';

/** Event props of the React component, each mapped to one `<ai-chat>` event. */
export const events = {
  onAiChatStatus: 'ai-chat-status' as EventName<AiChatStatusEvent>,
  onAiChatProgress: 'ai-chat-progress' as EventName<AiChatProgressEvent>,
  onAiChatReady: 'ai-chat-ready' as EventName<AiChatReadyEvent>,
  onAiChatMessage: 'ai-chat-message' as EventName<AiChatMessageEvent>,
  onAiChatStats: 'ai-chat-stats' as EventName<AiChatStatsEvent>,
  onAiChatThreshold: 'ai-chat-threshold' as EventName<AiChatThresholdEvent>,
  onAiChatError: 'ai-chat-error' as EventName<AiChatErrorEvent>,
} as const;

/** `<ai-chat>` as a React component. */
export const AiChat = createComponent({
  tagName: 'ai-chat',
  elementClass: AiChatElement,
  react: React,
  events,
  displayName: 'AiChat',
});

/** Props of {@link AiChat}. */
export type AiChatProps = React.ComponentProps<typeof AiChat>;

export { AiChatElement };
export type * from './events.js';
export type * from './types.js';

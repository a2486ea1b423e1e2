/**
 * `<ai-chat>` in Solid 2's JSX (`@solidjs/web`; `import type {} from 'ai-chat/jsx/solid'` once in
 * the app): its attributes (kebab-case strings), its properties as `prop:engine` and the like, and
 * its events as `onAi-chat-message` and the like (Solid listens to the event named after `on`, in
 * lower case).
 */
import type { JSX } from '@solidjs/web';
import type { AiChat } from '../ai-chat.js';
import type { AiChatAttributes, AiChatEvents, AiChatProperties } from './props.js';

export type AiChatSolidProps = JSX.HTMLAttributes<AiChat> &
  AiChatAttributes & { [K in keyof AiChatProperties as `prop:${K}`]?: AiChatProperties[K] } & {
    [K in keyof AiChatEvents as `on${Capitalize<K>}`]?: JSX.EventHandlerUnion<AiChat, AiChatEvents[K]>;
  };

declare module '@solidjs/web' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ai-chat': AiChatSolidProps;
    }
  }
}

// Type checks of the JSX typings (ai-chat/jsx/react, /preact, /solid), compiled by `pnpm lint`
// (tsc -p tsconfig.test.json); not run. Each framework's `<ai-chat>` takes the element's
// properties and attributes and hands each event handler its own typed event; a wrong value or
// field is a compile error.
import type { JSX as SolidJSX } from '@solidjs/web';
import type { JSX as PreactJSX } from 'preact';
import type { JSX as ReactJSX } from 'react';
import type {} from '../src/jsx/preact.js';
import type {} from '../src/jsx/react.js';
import type {} from '../src/jsx/solid.js';
import { ScriptedEngine } from '../src/testing/index.js';

type ReactAiChat = ReactJSX.IntrinsicElements['ai-chat'];
type PreactAiChat = PreactJSX.IntrinsicElements['ai-chat'];
type SolidAiChat = SolidJSX.IntrinsicElements['ai-chat'];

export const react: ReactAiChat = {
  model: 'auto',
  'max-model-size': '1.5GB',
  maxModelSize: '1.5GB',
  'show-stats': true,
  autoload: false,
  engine: new ScriptedEngine(),
  messages: [{ role: 'user', content: 'hi' }],
  className: 'chat',
  'onai-chat-message': (e) => e.message.content satisfies string,
  'onai-chat-error': (e) => e.recoverable satisfies boolean,
};
// @ts-expect-error: a status event has no message
export const reactWrongField: ReactAiChat = { 'onai-chat-status': (e) => e.message };
// @ts-expect-error: model is a string
export const reactWrongProp: ReactAiChat = { model: 3 };
// @ts-expect-error: status is read-only
export const reactReadOnly: ReactAiChat = { status: 'ready' };
// @ts-expect-error: no such attribute
export const reactUnknown: ReactAiChat = { 'max-size': '1GB' };

export const preact: PreactAiChat = {
  model: 'auto',
  'max-model-size': '2GB',
  engine: new ScriptedEngine(),
  'onai-chat-stats': (e) => e.tokensPerSecond satisfies number | null,
};
// @ts-expect-error: a progress event's loadedBytes is a number
export const preactWrongField: PreactAiChat = { 'onai-chat-progress': (e) => e.loadedBytes satisfies string };

export const solid: SolidAiChat = {
  model: 'auto',
  'max-model-size': '2GB',
  'prop:engine': new ScriptedEngine(),
  'onAi-chat-ready': (e) => e.downloadBytes satisfies number,
};
// @ts-expect-error: engine is a property (prop:engine), not an attribute
export const solidAttribute: SolidAiChat = { engine: new ScriptedEngine() };

// Type checks of ai-chat/react, compiled by `pnpm lint` (tsc -p tsconfig.test.json); not run.
// Each onAiChat… prop receives its own typed event; a wrong field is a compile error.
import { createElement } from 'react';
import { AiChat, type AiChatProps } from '../src/react.js';

export const typed: AiChatProps = {
  model: 'auto',
  maxModelSize: '1.5GB',
  onAiChatStatus: (e) => e.status satisfies string,
  onAiChatProgress: (e) => e.loadedBytes satisfies number,
  onAiChatReady: (e) => e.downloadBytes satisfies number,
  onAiChatMessage: (e) => e.message.content satisfies string,
  onAiChatStats: (e) => e.tokensPerSecond satisfies number | null,
  onAiChatThreshold: (e) => e.kind satisfies 'latency' | 'model-size' | 'memory',
  onAiChatError: (e) => e.recoverable satisfies boolean,
};

export const element = createElement(AiChat, typed);

// @ts-expect-error: a status event has no message
export const wrongField: AiChatProps = { onAiChatStatus: (e) => e.message };

// @ts-expect-error: model is a string
export const wrongProp: AiChatProps = { model: 3 };

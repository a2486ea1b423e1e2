import './define.js';

export { AiChat } from './ai-chat.js';
export * from './events.js';
export type * from './types.js';
export type { ChatEngine, CompletionChunk, CompletionRequest, CompletionUsage } from './engine/engine.js';
export { AiChatError } from './errors.js';
export { rateLatency } from './fit/rating.js';
export { parseByteSize, formatBytes } from './fit/size.js';

/** One typed, bubbling, composed `Event` subclass per event of `<ai-chat>`. */
import type {
  ChatMessage,
  ChatStats,
  ChatStatus,
  ErrorCode,
  LatencyRating,
  ProgressPhase,
  ProgressReport,
  ThresholdKind,
} from './types.js';

const init: EventInit = { bubbles: true, composed: true };

export class AiChatStatusEvent extends Event {
  constructor(readonly status: ChatStatus) {
    super('ai-chat-status', init);
  }
}

export class AiChatProgressEvent extends Event implements ProgressReport {
  readonly phase: ProgressPhase;
  readonly progress: number;
  readonly loadedBytes: number;
  readonly totalBytes: number;
  readonly text: string;
  constructor(report: ProgressReport) {
    super('ai-chat-progress', init);
    ({
      phase: this.phase,
      progress: this.progress,
      loadedBytes: this.loadedBytes,
      totalBytes: this.totalBytes,
      text: this.text,
    } = report);
  }
}

export class AiChatReadyEvent extends Event {
  constructor(
    readonly model: string,
    readonly downloadBytes: number,
    readonly vramMB: number,
  ) {
    super('ai-chat-ready', init);
  }
}

export class AiChatMessageEvent extends Event {
  constructor(readonly message: ChatMessage) {
    super('ai-chat-message', init);
  }
}

export class AiChatStatsEvent extends Event implements ChatStats {
  readonly ttftMs: number;
  readonly msPerToken: number | null;
  readonly tokensPerSecond: number | null;
  readonly prefillTokensPerSecond: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly rating: LatencyRating | null;
  readonly source: ChatStats['source'];
  constructor(stats: ChatStats) {
    super('ai-chat-stats', init);
    this.ttftMs = stats.ttftMs;
    this.msPerToken = stats.msPerToken;
    this.tokensPerSecond = stats.tokensPerSecond;
    this.prefillTokensPerSecond = stats.prefillTokensPerSecond;
    this.promptTokens = stats.promptTokens;
    this.completionTokens = stats.completionTokens;
    this.rating = stats.rating;
    this.source = stats.source;
  }
}

export class AiChatThresholdEvent extends Event {
  constructor(
    readonly kind: ThresholdKind,
    readonly limit: number,
    readonly actual: number,
  ) {
    super('ai-chat-threshold', init);
  }
}

export class AiChatErrorEvent extends Event {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly recoverable: boolean,
  ) {
    super('ai-chat-error', init);
  }
}

/** Every event of `<ai-chat>` by name (also in `GlobalEventHandlersEventMap`, and in the JSX typings). */
export interface AiChatEventMap {
  'ai-chat-status': AiChatStatusEvent;
  'ai-chat-progress': AiChatProgressEvent;
  'ai-chat-ready': AiChatReadyEvent;
  'ai-chat-message': AiChatMessageEvent;
  'ai-chat-stats': AiChatStatsEvent;
  'ai-chat-threshold': AiChatThresholdEvent;
  'ai-chat-error': AiChatErrorEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends AiChatEventMap {}
}

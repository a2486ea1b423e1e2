/**
 * What the views render: a plain snapshot of the element, no controller. `ai-chat.ts` builds it
 * once per render; each view is a function of it and of callbacks.
 */
import type { ShownModel } from '../engine/runtime.js';
import type { AiChatError } from '../errors.js';
import type { Strings } from '../i18n/en.js';
import type { ChatMessage, ChatStats, ChatStatus, ErrorCode, ProgressReport } from '../types.js';

export interface ViewState {
  status: ChatStatus;
  strings: Strings;
  /** The conversation without system messages. */
  messages: ChatMessage[];
  /** The reply while it streams (empty until the first token). */
  draft: ChatMessage | undefined;
  progress: ProgressReport | undefined;
  error: AiChatError | undefined;
  /** The error is the conversation's (a reply that failed, a message refused): shown in the log, at its end. */
  errorInLog: boolean;
  /** The first message the model still sees, when the oldest are left out of its context. */
  seenFrom: ChatMessage | undefined;
  modelInfo: ShownModel | undefined;
  /** The `model` attribute. */
  model: string;
  /** A model is loaded and a message can be sent at once. */
  hasEngine: boolean;
  /** The page set its own `engine` (no consent, no download). */
  customEngine: boolean;
  stats: ChatStats | undefined;
  showStats: boolean;
  /** A line under the composer (why Enter did nothing, for example). */
  notice: string;
  allowImages: boolean;
  placeholder: string | undefined;
  /** Bytes already downloaded by a cancelled download (the consent card then says what is left). */
  resumeBytes: number;
  /** The reader scrolled up: offer to jump to the latest message. */
  awayFromLatest: boolean;
  /** The visitor or the page asked for the model (consent, `load()`, `send()` or `autoload`). */
  consented: boolean;
  /** Questions the empty state offers as buttons (the `suggestions` property, as the page set it). */
  suggestions: unknown;
  /**
   * Renders a long list near its end only (the message window): `each` for every message in view;
   * `deps` is what else `each` reads. Absent: the whole list.
   */
  windowed?: <T>(list: readonly T[], each: (item: T) => unknown, deps: readonly unknown[]) => unknown;
}

/** The one main state on screen. */
export type Panel = 'consent' | 'progress' | 'error' | 'chat';

/** Errors after which the model cannot start here until the page or the device changes. */
export const FATAL: ReadonlySet<ErrorCode> = new Set([
  'model-too-large',
  'insufficient-memory',
  'shader-f16-unsupported',
  'webgpu-unavailable',
]);

type PanelInputs = Pick<ViewState, 'status' | 'error' | 'hasEngine' | 'customEngine'> & {
  consented?: boolean;
};

/**
 * Before consent, the check could not reach the model's host (a cut that may pass): the consent
 * card says so (with Try again). Nothing was downloading, so it is no failed download.
 */
export const unreachable = (s: PanelInputs): boolean =>
  s.status === 'error' &&
  s.error?.code === 'network' &&
  // A host that refuses this page (no CORS) is no passing cut: its error card says so, without Try again.
  s.error.recoverable !== false &&
  s.consented === false &&
  !s.hasEngine &&
  !s.customEngine;

/** Which state to show: an error that stops the model wins, then preparing, then consent, else the chat. */
export function panelFor(s: PanelInputs): Panel {
  if (unreachable(s)) return 'consent';
  if (s.error && s.error.code !== 'invalid-attribute' && s.status === 'error' && !s.hasEngine) return 'error';
  // The check before consent only fills in the consent card: no progress card flashes in between.
  if (s.status === 'checking' && s.consented === false && !s.customEngine) return 'consent';
  if (s.status === 'checking' || s.status === 'downloading' || s.status === 'loading') return 'progress';
  if (s.status === 'idle' && !s.customEngine) return 'consent';
  return 'chat';
}

/**
 * Whether `error` shows as the card above the log: a warning always; a failure unless a download or
 * load shows it, the log shows it where it happened (`s.errorInLog`), or the consent card says it
 * (the host that cannot be reached).
 */
export const errorShown = (
  error: AiChatError,
  panel: Panel,
  s?: PanelInputs & { errorInLog?: boolean },
): boolean =>
  panel === 'error' ||
  error.code === 'invalid-attribute' ||
  (panel !== 'progress' && error.code !== 'aborted' && !(s && (s.errorInLog || unreachable(s))));

/** True when a message typed now would be sent. */
export const canSend = (s: Pick<ViewState, 'status' | 'hasEngine' | 'customEngine'>): boolean =>
  s.status === 'ready' || (s.status === 'error' && s.hasEngine) || (s.status === 'idle' && s.customEngine);

/** What Enter says when it cannot send, by state. Empty when it can. */
export function whyNotSend(s: ViewState): string {
  if (canSend(s)) return '';
  if (s.status === 'generating') return s.strings.busy;
  const panel = panelFor(s);
  if (panel === 'consent') return s.strings.notReadyConsent;
  if (panel === 'progress') return s.strings.notReadyLoading;
  return s.strings.notReadyError;
}

/**
 * The element's status and the error it shows, in one place. The model controller tells it where
 * the model is (`phase`), the conversation whether a reply streams (`generating`); a failure makes
 * the status `error` until it is dismissed, retried or replaced. `ai-chat-status` and
 * `ai-chat-error` fire from here only, and `status` is reflected as an attribute after each render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toChatError, type AiChatError } from '../errors.js';
import { AiChatErrorEvent, AiChatStatusEvent } from '../events.js';
import { canTransition, deriveStatus, type ModelPhase } from '../state/status.js';
import type { ChatStatus } from '../types.js';

export interface StatusHost extends ReactiveControllerHost, HTMLElement {
  /** The page's `model`, named by a `model-not-found` error. */
  readonly model: unknown;
}

export class StatusController implements ReactiveController {
  #host: StatusHost;
  #status: ChatStatus = 'idle';
  #phase: ModelPhase = 'idle';
  #generating = false;
  /** A failure is shown: the status is `error` until it is dismissed, retried or replaced. */
  #failed = false;
  /** The error shown in the element (a failure, or a bad attribute value). */
  error: AiChatError | undefined;

  constructor(host: StatusHost) {
    this.#host = host;
    host.addController(this);
  }

  get status(): ChatStatus {
    return this.#status;
  }

  /** Where the model is (the model controller's state). */
  get phase(): ModelPhase {
    return this.#phase;
  }
  set phase(phase: ModelPhase) {
    this.#phase = phase;
    this.#changed();
  }

  get generating(): boolean {
    return this.#generating;
  }
  set generating(generating: boolean) {
    this.#generating = generating;
    this.#changed();
  }

  hostUpdated(): void {
    // `status` is reflected (read-only): CSS and tests can select `ai-chat[status='ready']`.
    const host = this.#host;
    if (host.getAttribute('status') !== this.#status) host.setAttribute('status', this.#status);
  }

  /** A failure: shown in the element, fired as `ai-chat-error`; the status is `error` until cleared. */
  fail(error: unknown): AiChatError {
    const chat = this.warn(error);
    this.#failed = true;
    this.#changed();
    return chat;
  }

  /** A warning (a bad attribute value, a storage problem): shown and fired, status unchanged. */
  warn(error: unknown): AiChatError {
    const chat = toChatError(error, typeof this.#host.model === 'string' ? this.#host.model : '');
    this.error = chat;
    this.#host.dispatchEvent(new AiChatErrorEvent(chat.code, chat.message, chat.recoverable));
    this.#host.requestUpdate();
    return chat;
  }

  /** A failure is over (a new try started): its error goes with it. Warnings stay. */
  clearFailure(): void {
    if (!this.#failed) return;
    this.#failed = false;
    this.error = undefined;
    this.#changed();
  }

  /** The visitor closed the error (a warning too). */
  dismiss(): void {
    this.error = undefined;
    this.#failed = false;
    this.#changed();
  }

  /** The status, derived in one place; its event fires from here only. */
  #changed() {
    const next = deriveStatus(this.#phase, this.#generating, this.#failed);
    const previous = this.#status;
    this.#host.requestUpdate();
    if (next === previous) return;
    this.#status = next;
    this.#host.dispatchEvent(new AiChatStatusEvent(next));
    if (!canTransition(previous, next) && DEV_MODE()) {
      // Lit's dev mode: an illegal transition is a bug, raised where a test sees it.
      queueMicrotask(() => {
        throw new Error(`<ai-chat>: illegal status transition ${previous} → ${next}`);
      });
    }
  }
}

/** Lit's dev mode (its development build), where an illegal status transition is raised. */
const DEV_MODE = () => (globalThis as { litIssuedWarnings?: unknown }).litIssuedWarnings !== undefined;

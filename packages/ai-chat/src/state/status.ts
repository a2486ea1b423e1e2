import type { ChatStatus } from '../types.js';

/** Where the model is: the status the model controller holds (no reply, no failure). */
export type ModelPhase = 'idle' | 'checking' | 'downloading' | 'loading' | 'ready';

/**
 * The element's status, derived in one place: a reply streaming is `generating`; a failure shown
 * (not yet dismissed or retried) is `error`; otherwise where the model is.
 */
export function deriveStatus(phase: ModelPhase, generating: boolean, failed: boolean): ChatStatus {
  if (generating) return 'generating';
  if (failed) return 'error';
  return phase;
}

/**
 * The status machine: `idle → checking → downloading → loading → ready ⇄ generating`, and `error`
 * from anywhere. From `error` the element may go anywhere (retry, dismiss, a new model). Any status
 * may return to `idle` (unload, a new model); a new model may be checked or loaded while a reply ends.
 */
const NEXT: Record<ChatStatus, readonly ChatStatus[]> = {
  idle: ['checking', 'loading', 'ready'],
  checking: ['downloading', 'loading', 'ready', 'idle'],
  downloading: ['loading', 'ready', 'idle'],
  loading: ['ready', 'idle'],
  ready: ['generating', 'idle', 'checking', 'loading'],
  generating: ['ready', 'idle', 'checking', 'loading'],
  error: ['idle', 'checking', 'downloading', 'loading', 'ready', 'generating'],
};

export function canTransition(from: ChatStatus, to: ChatStatus): boolean {
  return from === to || to === 'error' || NEXT[from].includes(to);
}

/** Statuses in which the model is being prepared (a progress bar is shown). */
export const isPreparing = (s: ChatStatus) => s === 'checking' || s === 'downloading' || s === 'loading';

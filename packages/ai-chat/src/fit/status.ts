import type { ChatStatus } from '../types.js';

/**
 * The status machine: `idle → checking → downloading → loading → ready ⇄ generating`, and `error`
 * from anywhere. From `error` the element may go back to `idle` (unload, reset of the model)
 * or to `checking` (retry). Any status may return to `idle` by `unload()`.
 */
const NEXT: Record<ChatStatus, readonly ChatStatus[]> = {
  idle: ['checking', 'loading', 'ready'],
  checking: ['downloading', 'loading', 'ready', 'idle'],
  downloading: ['loading', 'idle'],
  loading: ['ready', 'idle'],
  ready: ['generating', 'idle', 'checking'],
  generating: ['ready', 'idle'],
  error: ['idle', 'checking', 'loading', 'ready'],
};

export function canTransition(from: ChatStatus, to: ChatStatus): boolean {
  return from === to || to === 'error' || NEXT[from].includes(to);
}

/** Statuses in which the model is being prepared (a progress bar is shown). */
export const isPreparing = (s: ChatStatus) => s === 'checking' || s === 'downloading' || s === 'loading';

/**
 * The built-in runtime's errors: what the Prompt API throws, in the names the element maps to its
 * codes (`ContextWindowSizeExceededError` → `context-window-exceeded`), and the runtime's own.
 */
import { AiChatError, firstLine } from '../../errors.js';
import { overflow } from '../overflow.js';

/**
 * This runtime does not fit here (no Prompt API, or its model is unavailable): the registry tries
 * the next runtime of the page's list. Where it was the last, the visitor reads the `engine` words
 * without Try again (trying again cannot help: the browser must change).
 */
export class RuntimeUnavailableError extends AiChatError {
  override name = 'RuntimeUnavailableError';
  /** See `isUnavailable`. */
  readonly unavailable = true;
  constructor(message: string) {
    super('engine', message, { detail: '', runtime: message, recoverable: false });
  }
}

/** What the visitor reads when the browser wants a click before it downloads its model. */
export const CLICK_NEEDED = 'Your browser downloads its built-in model only after a click: click Try again.';

export const nameOf = (error: unknown) => (error as { name?: unknown } | null)?.name;

/** Chrome's `QuotaExceededError` says what a prompt needed (`requested`) against the window (`quota`). */
function tokensOf(error: unknown): { needed: number; window: number } | undefined {
  const { requested, quota } = (error ?? {}) as { requested?: unknown; quota?: unknown };
  return typeof requested === 'number' && typeof quota === 'number' && requested > 0 && quota > 0
    ? { needed: requested, window: quota }
    : undefined;
}

/** The errors the API throws, in the words the element maps to its codes. */
export function translate(error: unknown, creating = false): unknown {
  switch (nameOf(error)) {
    case 'NotAllowedError':
      // Shown as it is to the visitor (no detail): the way forward is a click on Try again.
      return new AiChatError('engine', CLICK_NEEDED, {
        runtime: firstLine(`NotAllowedError: ${String((error as Error).message)}`),
      });
    case 'NotSupportedError':
      return new RuntimeUnavailableError(
        `The browser's built-in model cannot run here (${String((error as Error).message)})`,
      );
    case 'QuotaExceededError':
      // From create() without a history, the browser lacks space for its model: keep that error.
      if (creating) return error;
      return overflow("The conversation is longer than the built-in model's context window", tokensOf(error));
    default:
      return error;
  }
}

/**
 * The part of the Prompt API (`LanguageModel`, Chrome's built-in model) the built-in runtime uses,
 * as types; the pure decisions around it (which languages to ask for, whether a request continues
 * the session or needs a new one); and small readers of what it gives (a progress fraction, the
 * context usage, a reply stream). Both the real API and the stand-in in `testing/` fit these
 * types. Newer Chrome names (`contextUsage`, `measureContextUsage`, `contextoverflow`) and the
 * older ones (`inputUsage`, `measureInputUsage`, `quotaoverflow`) are both read.
 */
import type { CompletionMessage } from '../engine.js';
import { RuntimeUnavailableError } from './builtin-errors.js';
import { expected } from './expected.js';

// Which languages to ask for: a file of its own, so the registry's check before the runtime's chunk
// takes only that (see expected.ts).
export { expected, expectedLanguages } from './expected.js';

export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ExpectedIO {
  type: 'text';
  languages?: string[];
}

export interface AvailabilityOptions {
  expectedInputs?: ExpectedIO[];
  expectedOutputs?: ExpectedIO[];
}

/** What `monitor` is handed: an event target firing `downloadprogress` with `loaded` a fraction 0..1. */
export interface DownloadMonitor extends EventTarget {
  ondownloadprogress?: ((event: Event) => void) | null;
}

export interface CreateOptions extends AvailabilityOptions {
  initialPrompts?: PromptMessage[];
  monitor?: (monitor: DownloadMonitor) => void;
  signal?: AbortSignal;
}

export interface PromptOptions {
  signal?: AbortSignal;
}

/** A session: one conversation the browser's model keeps in its context. */
export interface PromptSession extends EventTarget {
  promptStreaming(
    input: string | PromptMessage[],
    options?: PromptOptions,
  ): AsyncIterable<string> | ReadableStream<string>;
  append?(input: string | PromptMessage[], options?: PromptOptions): Promise<void>;
  measureContextUsage?(input: string | PromptMessage[], options?: PromptOptions): Promise<number>;
  measureInputUsage?(input: string | PromptMessage[], options?: PromptOptions): Promise<number>;
  readonly contextUsage?: number;
  readonly contextWindow?: number;
  readonly inputUsage?: number;
  readonly inputQuota?: number;
  destroy(): void;
}

/** The static side: `globalThis.LanguageModel`, or a stand-in. */
export interface LanguageModelApi {
  availability(options?: AvailabilityOptions): Promise<Availability>;
  create(options?: CreateOptions): Promise<PromptSession>;
}

/** The Prompt API of this page, if it has one (it never exists in workers). */
export function pageLanguageModel(): LanguageModelApi | undefined {
  const api = (globalThis as { LanguageModel?: unknown }).LanguageModel;
  return api && typeof (api as LanguageModelApi).availability === 'function'
    ? (api as LanguageModelApi)
    : undefined;
}

/**
 * What the browser answers for the element's languages, when its model can serve: `available`, or
 * (unless `onlyAvailable`, as when other runtimes follow) a model the browser would download first.
 * Anything else rejects with `RuntimeUnavailableError`: the next runtime of the page's list is tried.
 */
export async function builtinAvailability(
  api: LanguageModelApi | undefined,
  languages: readonly string[] | undefined,
  onlyAvailable: boolean,
): Promise<Availability> {
  if (!api) throw new RuntimeUnavailableError('This browser has no built-in model (no Prompt API)');
  let answer: Availability;
  try {
    answer = await api.availability(expected(languages));
  } catch (error) {
    throw new RuntimeUnavailableError(`The browser's built-in model could not be checked (${String(error)})`);
  }
  if (answer === 'available' || (!onlyAvailable && answer !== 'unavailable')) return answer;
  throw new RuntimeUnavailableError(`The browser's built-in model is ${answer} here`);
}

/** What to do with one request, given the messages the session has already seen. */
export type TurnPlan =
  /** The request continues the session: send only `input` (the turns after what it has seen). */
  | { kind: 'continue'; input: PromptMessage[] }
  /** Start a new session from `initialPrompts` (system prompt first), then send `input`. */
  | { kind: 'recreate'; initialPrompts: PromptMessage[]; input: PromptMessage[] };

const same = (a: CompletionMessage, b: CompletionMessage) => a.role === b.role && a.content === b.content;

/**
 * Continue when `seen` is a strict prefix of `messages` and the turns after it hold no system
 * message and end with the user's; else re-create from the history (reset, restore, an edited
 * message, a new system prompt). `seen` undefined: no session yet.
 */
export function planTurn(
  seen: readonly CompletionMessage[] | undefined,
  messages: readonly CompletionMessage[],
): TurnPlan {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'user') throw new TypeError('The request must end with a user message');
  if (seen && seen.length < messages.length && seen.every((message, i) => same(message, messages[i]!))) {
    const tail = messages.slice(seen.length);
    if (tail.every((message) => message.role !== 'system'))
      return { kind: 'continue', input: tail.map(copy) };
  }
  const history = messages.slice(0, -1).map(copy);
  // The API takes one system prompt, first: later system messages join it.
  const system = history.filter((message) => message.role === 'system');
  const turns = history.filter((message) => message.role !== 'system');
  const initialPrompts = system.length
    ? [{ role: 'system' as const, content: system.map((m) => m.content).join('\n\n') }, ...turns]
    : turns;
  return { kind: 'recreate', initialPrompts, input: [copy(last)] };
}

function copy({ role, content }: CompletionMessage): PromptMessage {
  return { role, content };
}

/** A `downloadprogress` event's fraction: `loaded` (0..1), or `loaded / total` where a total is given. */
export function fraction(event: Event): number {
  const { loaded, total } = event as Event & { loaded?: number; total?: number };
  const value =
    typeof loaded !== 'number' ? 0 : typeof total === 'number' && total > 1 ? loaded / total : loaded;
  return Math.min(1, Math.max(0, value));
}

export const usageOf = (session: PromptSession) => session.contextUsage ?? session.inputUsage;

export async function measure(session: PromptSession, input: string): Promise<number | undefined> {
  try {
    const measured = await (session.measureContextUsage ?? session.measureInputUsage)?.call(session, input);
    return typeof measured === 'number' ? measured : undefined;
  } catch {
    return undefined;
  }
}

export async function* read(stream: AsyncIterable<string> | ReadableStream<string>): AsyncGenerator<string> {
  if (Symbol.asyncIterator in stream) {
    yield* stream as AsyncIterable<string>;
    return;
  }
  const reader = (stream as ReadableStream<string>).getReader();
  let done = false;
  try {
    while (!done) {
      const next = await reader.read();
      done = next.done;
      if (!next.done) yield next.value;
    }
  } finally {
    // Left early (the element stopped reading): end the browser's reply too.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

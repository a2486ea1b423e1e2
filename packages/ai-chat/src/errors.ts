import type { ErrorCode } from './types.js';

/**
 * Whether trying the same thing again can succeed, by code: true for a network cut or a cancelled
 * load; false where the page or the device must change first (no WebGPU, a model over a limit, a
 * bad attribute, a conversation too long for the model). An error may override it (a model
 * library this runtime cannot start is an `engine` error that a retry cannot fix).
 */
export const RECOVERABLE: Record<ErrorCode, boolean> = {
  'webgpu-unavailable': false,
  'shader-f16-unsupported': false,
  'model-too-large': false,
  'insufficient-memory': false,
  'model-not-found': false,
  'invalid-attribute': false,
  network: true,
  'quota-exceeded': false,
  'device-lost': true,
  'context-window-exceeded': false,
  aborted: true,
  storage: false,
  engine: true,
};

/** What each code means, for the page author (`ai-chat-error`'s `message`); `{detail}` filled where given. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'webgpu-unavailable':
    'WebGPU is not available in this browser, and no other allowed runtime can run a model',
  'shader-f16-unsupported':
    'The model needs shader-f16, which this device lacks: use its q4f32 variant or model="auto"',
  'model-too-large': 'The model is over the download limit ({detail})',
  'insufficient-memory': 'The model needs more memory than allowed ({detail})',
  'model-not-found': 'No model "{detail}": use a WebLLM model id, a GGUF catalog id, model-url, or auto',
  'invalid-attribute': '{detail}',
  network: 'The model files could not be fetched ({detail})',
  'quota-exceeded': 'Not enough storage in this browser for the model ({detail})',
  'device-lost': 'The GPU device was lost',
  'context-window-exceeded': "The conversation is longer than the model's context window",
  aborted: 'Stopped',
  storage: 'The saved conversation could not be read or written ({detail})',
  engine: 'The model runtime failed ({detail})',
};

export interface ErrorOptions {
  /**
   * Short plain words for the visitor that fill `{detail}` in the element's strings (a size, a host
   * name). Never a runtime's internal message. `undefined`: `message` is shown as it is.
   */
  detail?: string | undefined;
  /** The runtime's own words (a `LinkError` and the import it names), for the page author. */
  runtime?: string | undefined;
  /** Overrides the code's entry in `RECOVERABLE`. */
  recoverable?: boolean | undefined;
  /** The key of the visitor's words in the strings, where they are not the code's (see `errorText`). */
  words?: string | undefined;
}

/**
 * The error every failure of `<ai-chat>` becomes: a contract code, whether a retry can help, a
 * message for the page author that keeps the runtime's own words, and a `detail` for the visitor.
 */
export class AiChatError extends Error {
  override name = 'AiChatError';
  readonly detail: string | undefined;
  readonly runtime: string | undefined;
  readonly recoverable: boolean;
  readonly words: string | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message);
    this.detail = options.detail;
    this.runtime = options.runtime;
    this.recoverable = options.recoverable ?? RECOVERABLE[code];
    this.words = options.words;
  }
}

/** An error of our own: `detail` fills both the author's message and the visitor's words. */
export function chatError(
  code: ErrorCode,
  detail = '',
  options: Omit<ErrorOptions, 'detail'> = {},
): AiChatError {
  const base = ERROR_MESSAGES[code].replace('{detail}', detail).replace(' ()', '');
  const message = options.runtime ? `${base}: ${options.runtime}` : base;
  return new AiChatError(code, message, { ...options, detail });
}

/** The first line of a runtime's message, without stack or trailing advice, at most 300 characters. */
export function firstLine(text: string): string {
  return text.split('\n')[0]!.trim().slice(0, 300);
}

/** A short detail our own code wrote (a host, a file, a size): its first sentence. */
function shortDetail(text: string): string {
  return firstLine(text)
    .split(/(?<=\.)\s/)[0]!
    .replace(/\.$/, '')
    .slice(0, 200);
}

/**
 * A runtime's errors by class name (WebLLM's classes, the browser's DOMException names, the names our
 * worker code throws): never by their words, which an engine or a server controls. A remote
 * engine's "429 You exceeded your current quota" is an `engine` error, not `quota-exceeded`.
 */
const BY_NAME: Readonly<Record<string, ErrorCode>> = {
  WebGPUNotAvailableError: 'webgpu-unavailable',
  WebGPUNotFoundError: 'webgpu-unavailable',
  ShaderF16SupportError: 'shader-f16-unsupported',
  // WebLLM's only feature a model can require is shader-f16.
  FeatureSupportError: 'shader-f16-unsupported',
  ModelNotFoundError: 'model-not-found',
  ModelFilesNotFoundError: 'model-not-found',
  DeviceLostError: 'device-lost',
  ContextWindowSizeExceededError: 'context-window-exceeded',
  QuotaExceededError: 'quota-exceeded',
  AbortError: 'aborted',
  NetworkError: 'network',
  // Load and network failures our worker code tells apart where they arise (`engine/worker/shared/
  // http.ts`): a page's policy that blocks the worker, a host that does not allow this page, a file
  // that is not a model (empty, a web page, a header out of range), a file changed on its host.
  ContentSecurityPolicyError: 'engine',
  CorsError: 'network',
  ModelFilesInvalidError: 'model-not-found',
  ModelIndexInvalidError: 'model-not-found',
  ModelFileChangedError: 'network',
};

/** A page that does not let the chat run (its policy, a model host without CORS): words of their own. */
const BLOCKED = new Set(['ContentSecurityPolicyError', 'CorsError']);

/** The browser's own words when `fetch` cannot reach a host (Chromium, Firefox, Safari): a known shape. */
const FETCH_FAILED = new Set([
  'Failed to fetch',
  'NetworkError when attempting to fetch resource.',
  'Load failed',
]);

/**
 * Failures no retry fixes: a model library this runtime cannot start (WebAssembly's), the worker's
 * own files missing, a browser that lacks what the CPU runtime needs, and `BLOCKED`.
 */
const FINAL = new Set([
  'LinkError',
  'CompileError',
  'ModelLibraryError',
  'WorkerFilesMissing',
  'BrowserUnsupportedError',
  ...BLOCKED,
]);

function classify(name: string, message: string): ErrorCode {
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name]!;
  if (name === 'TypeError' && FETCH_FAILED.has(message)) return 'network';
  return 'engine';
}

/** Errors whose message our own code wrote in plain words, safe to show the visitor as a detail. */
const OUR_WORDS = new Set<ErrorCode>(['network', 'quota-exceeded', 'model-too-large', 'insufficient-memory']);

/**
 * Map anything thrown by a runtime (WebLLM's errors cross the worker as name + message strings) to
 * a contract error. The runtime's own text goes to the page author's message; the visitor gets
 * plain words by code. `model` fills `model-not-found`.
 */
export function toChatError(error: unknown, model = ''): AiChatError {
  if (error instanceof AiChatError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const raw = (error as { message?: unknown } | null)?.message;
  const message = typeof raw === 'string' ? raw : String(error);
  const code = classify(typeof name === 'string' ? name : '', message);
  const runtime = firstLine(
    typeof name === 'string' && name && name !== 'Error' ? `${name}: ${message}` : message,
  );
  // A model library the runtime cannot start, a page that blocks the chat: trying again cannot help.
  const final = FINAL.has(name as string) ? { recoverable: false } : {};
  const words = BLOCKED.has(name as string)
    ? { words: 'errorBlocked' }
    : name === 'BrowserUnsupportedError'
      ? { words: 'errorBrowserUnsupported' }
      : {};
  const options = { runtime, ...final, ...words };
  if (code === 'model-not-found') return chatError(code, model, options);
  // Plain words for the visitor only from our own code (`detail`, set where the error is thrown).
  const own = (error as { detail?: unknown } | null)?.detail;
  return chatError(code, OUR_WORDS.has(code) && typeof own === 'string' ? shortDetail(own) : '', options);
}

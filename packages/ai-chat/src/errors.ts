import type { ErrorCode } from './types.js';

/** The error every failure of `<ai-chat>` is turned into: a contract code, plain words, and whether to retry. */
export class AiChatError extends Error {
  override name = 'AiChatError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly recoverable = true,
  ) {
    super(message);
  }
}

/** Plain words for each code, each with a way forward. `{detail}` is filled where there is one. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'webgpu-unavailable':
    'This browser cannot run the model: WebGPU is not available. Try a recent Chrome or Edge on a computer with a graphics card, or enable WebGPU in the browser settings.',
  'shader-f16-unsupported':
    'This model needs 16-bit GPU math (shader-f16), which this device does not offer. Pick the f32 variant of the model (its name has q4f32 instead of q4f16).',
  'model-too-large': 'This model is too large to download here ({detail}). Pick a smaller model.',
  'insufficient-memory':
    'This model needs more GPU memory than this device allows ({detail}). Pick a smaller model.',
  'model-not-found':
    'The model "{detail}" could not be found. Check the model name and model-url, or use model="auto".',
  'invalid-attribute': '{detail}',
  network:
    'The model files could not be fetched ({detail}). Check the connection and try again: files already downloaded are kept.',
  'quota-exceeded':
    'There is not enough storage space in this browser for the model ({detail}). Free some space or pick a smaller model.',
  'device-lost':
    'The graphics device stopped, most often because the model ran out of GPU memory. Try again, or pick a smaller model.',
  'context-window-exceeded':
    'The conversation is too long for this model. Start a new conversation, or send a shorter message.',
  aborted: 'Stopped.',
  storage:
    'The saved conversation could not be read or written in this browser ({detail}). Start a new conversation.',
  engine: 'The model could not run ({detail}). Try again, or pick another model.',
};

export function chatError(code: ErrorCode, detail = '', recoverable = true): AiChatError {
  const message = ERROR_MESSAGES[code].replace('{detail}', detail).replace(' ()', '');
  return new AiChatError(code, message, recoverable);
}

/** The first line of a message, without stack, URLs of documentation or trailing advice. */
function shortDetail(text: string): string {
  if (/WebAssembly|CompileError|magic word/i.test(text))
    return 'its model library (.wasm) could not be started in this browser';
  const line = text.split('\n')[0]!.trim();
  const sentence = line.split(/(?<=\.)\s/)[0]!;
  return sentence.replace(/\.$/, '').slice(0, 200);
}

const BY_NAME: Array<[RegExp, ErrorCode]> = [
  [
    /WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU|navigator\.gpu/i,
    'webgpu-unavailable',
  ],
  [/ShaderF16SupportError|shader-f16/i, 'shader-f16-unsupported'],
  [/ModelNotFoundError|ModelFilesNotFoundError|Cannot find model record/i, 'model-not-found'],
  [/DeviceLostError|device was lost|Device is lost/i, 'device-lost'],
  [/ContextWindowSizeExceededError|exceed context window/i, 'context-window-exceeded'],
  [/QuotaExceededError|quota/i, 'quota-exceeded'],
  [/AbortError|aborted|cancelled|interrupted by unload/i, 'aborted'],
  [/NetworkError|Failed to fetch|network error|ERR_|Load failed|connection dropped/i, 'network'],
  [/WebAssembly|CompileError|LinkError|magic word/i, 'engine'],
];

/**
 * Map anything thrown by an engine (WebLLM errors cross the worker as name + message strings)
 * to a contract error with plain words. `model` fills `model-not-found`.
 */
export function toChatError(error: unknown, model = ''): AiChatError {
  if (error instanceof AiChatError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = (error as { message?: unknown } | null)?.message;
  const text = `${typeof name === 'string' ? name : ''}: ${typeof message === 'string' ? message : String(error)}`;
  const code = BY_NAME.find(([pattern]) => pattern.test(text))?.[1] ?? 'engine';
  if (code === 'model-not-found') return chatError(code, model);
  if (code === 'network' || code === 'engine' || code === 'quota-exceeded')
    return chatError(code, shortDetail(typeof message === 'string' && message ? message : String(error)));
  return chatError(code);
}

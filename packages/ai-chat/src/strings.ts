import { ERROR_MESSAGES } from './errors.js';

/**
 * Every string the element shows, in one place. Keys are stable; values are English.
 * Placeholders in braces (`{model}`) are filled by `format`.
 */
export const en = {
  consentTitle: 'Chat with an AI that runs on this device',
  consentModel: 'Model: {model}',
  consentPrivacy: 'It runs entirely in your browser. Nothing you type leaves this device.',
  consentButton: 'Download and start',
  consentButtonCached: 'Start',
  consentSize: '{size} download',
  consentMemory: 'needs {memory} GPU memory',
  consentCached: 'already downloaded · starts in seconds',
  // The built-in runtime (the browser's own model, Prompt API).
  builtinModel: "your browser's built-in model",
  consentBuiltin: 'built into your browser · nothing to download',
  consentBuiltinDownload: 'your browser will download its built-in model first',
  checking: 'Checking this device…',
  downloading: 'Downloading the model',
  loading: 'Starting the model',
  cancel: 'Cancel',
  placeholder: 'Ask anything…',
  inputLabel: 'Message',
  send: 'Send',
  stop: 'Stop',
  retry: 'Try again',
  dismiss: 'Dismiss',
  clearCache: 'Clear downloaded files',
  logLabel: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  interrupted: 'stopped',
  busy: 'Wait for the reply to finish, or stop it, before sending again.',
  statsLine: '{tps} tokens/s · {ms} ms/token · first token {ttft} ms · {rating}',
  empty: 'Ask a question to start the conversation.',
  copyCode: 'Copy',
  copyCodeLabel: 'Copy code',
  copied: 'Copied',
  saveFailed:
    'The conversation could not be saved in this browser ({detail}). It stays on screen, but will not be there after a reload.',
  restoreFailed:
    'The conversation could not be restored in this browser ({detail}). A new conversation starts instead.',
  // Errors, by code (`error` + the code in camel case); `{detail}` is filled where there is one.
  errorWebgpuUnavailable: ERROR_MESSAGES['webgpu-unavailable'],
  errorShaderF16Unsupported: ERROR_MESSAGES['shader-f16-unsupported'],
  errorModelTooLarge: ERROR_MESSAGES['model-too-large'],
  errorInsufficientMemory: ERROR_MESSAGES['insufficient-memory'],
  errorModelNotFound: ERROR_MESSAGES['model-not-found'],
  errorNetwork: ERROR_MESSAGES.network,
  errorQuotaExceeded: ERROR_MESSAGES['quota-exceeded'],
  errorDeviceLost: ERROR_MESSAGES['device-lost'],
  errorContextWindowExceeded: ERROR_MESSAGES['context-window-exceeded'],
  errorAborted: ERROR_MESSAGES.aborted,
  errorEngine: ERROR_MESSAGES.engine,
} as const;

export type Strings = { [K in keyof typeof en]: string };

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

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
  statsLineShort: 'first token {ttft} ms',
  empty: 'Ask a question to start the conversation.',
  copyCode: 'Copy',
  copyCodeLabel: 'Copy code',
  copied: 'Copied',
  saveFailed:
    'The conversation could not be saved in this browser ({detail}). It stays on screen, but will not be there after a reload.',
  restoreFailed:
    'The conversation could not be restored in this browser ({detail}). A new conversation starts instead.',
  storageUnreadable:
    'The saved conversation cannot be read by this version of the chat ({detail}). It is kept as it is; this conversation starts new and is not saved.',
  // Errors, by code (`error` + the code in camel case); `{detail}` is filled where there is one.
  errorWebgpuUnavailable:
    "This browser can't run the AI model. Try a recent Chrome or Edge on a computer with a graphics card.",
  errorShaderF16Unsupported: "This device's graphics chip can't run this AI model.",
  errorModelTooLarge: 'The AI model is too large to download here ({detail}).',
  errorInsufficientMemory: 'The AI model needs more memory than this device can spare ({detail}).',
  errorModelNotFound: 'The AI model for this chat could not be found.',
  errorNetwork: 'The AI model could not be downloaded ({detail}). Check your connection and try again.',
  errorQuotaExceeded:
    'There is not enough storage space in this browser for the AI model ({detail}). Free some space and try again.',
  errorDeviceLost: 'The graphics device stopped, most often because it ran out of memory. Try again.',
  errorContextWindowExceeded: 'This conversation is too long for the AI model. Start a new conversation.',
  errorAborted: 'Stopped.',
  errorEngine: "The AI model couldn't run in this browser.",
} as const;

export type Strings = { [K in keyof typeof en]: string };

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

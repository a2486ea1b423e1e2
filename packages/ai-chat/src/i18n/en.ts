/**
 * English: every string the element shows, and the keys every other language's table has (the
 * `Strings` type). Keys are stable. Placeholders in braces (`{model}`) are filled by `format`.
 * These are the visitor's words: plain, short, with a way forward the visitor can take. The page
 * author's detail (limits, ids, the runtime's own words) is in the `ai-chat-error` event.
 */
export const en = {
  consentTitle: 'Chat with an AI that runs on this device',
  consentAutoModel: 'The best model for this device',
  consentSize: '{size} one-time download',
  consentResume: '{left} left to download (of {size})',
  consentStored: 'stored in this browser for next time',
  consentMemory: 'uses about {memory} of memory',
  consentCached: 'Already downloaded: starts in seconds',
  consentSpeed: 'about {tps} tokens/s on this device',
  consentPrivacyTitle: 'Private by design.',
  consentPrivacy: 'It runs entirely in your browser. Nothing you type leaves this device.',
  consentButton: 'Download and start',
  consentButtonCached: 'Start',
  // The built-in runtime (the browser's own model, Prompt API).
  builtinModel: "your browser's built-in model",
  consentBuiltin: 'built into your browser · nothing to download',
  consentBuiltinDownload: 'your browser will download its built-in model first',
  // One model for every tab, a crash never repeated (issue 24).
  consentCrashed: 'The last try to start {model} stopped this page.',
  freeModel: 'Answers come from {model}: nothing to download.',
  checking: 'Checking this device…',
  downloading: 'Downloading the model',
  loading: 'Starting the model',
  progressOf: '{done} of {total}',
  progressSpeed: '{speed}/s',
  progressLeft: 'about {time} left',
  unitSeconds: 's',
  unitMinutes: 'min',
  cancel: 'Cancel',
  placeholder: 'Ask anything…',
  inputLabel: 'Message',
  send: 'Send',
  stop: 'Stop',
  retry: 'Try again',
  dismiss: 'Dismiss',
  clearCache: 'Clear downloaded files',
  newConversation: 'New conversation',
  logLabel: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  typing: 'The assistant is writing…',
  interrupted: 'stopped',
  busy: 'Wait for the reply to finish, or stop it, before sending again.',
  notReadyConsent: 'Start the chat above first. What you typed is kept.',
  notReadyLoading: 'The model is still starting. What you typed is kept: send it in a moment.',
  notReadyError: 'The chat cannot send right now: see the message above.',
  jumpToLatest: 'Jump to latest',
  copyReply: 'Copy',
  copyReplyLabel: 'Copy reply',
  regenerate: 'Regenerate',
  regenerateLabel: 'Regenerate the last reply',
  statsLabel: 'Speed of the last reply',
  statsSpeed: '{tps} tokens/s',
  statsFirst: 'first token in {ttft} ms',
  ratingExcellent: 'Excellent',
  ratingGood: 'Good',
  ratingAcceptable: 'Fair',
  ratingSlow: 'Slow',
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
  // Errors, by code (`error` + the code in camel case): what the visitor sees.
  errorWebgpuUnavailable:
    'This browser cannot run the chat: it needs WebGPU. Try a recent Chrome or Edge on a computer.',
  errorShaderF16Unsupported: 'The graphics chip of this device cannot run this chat. Try another device.',
  errorModelTooLarge: 'The chat is not available on this page right now. Nothing was downloaded.',
  errorInsufficientMemory:
    'This device does not have enough memory for the chat. Try a device with more memory.',
  errorModelNotFound: 'The chat is not available right now. Try again later.',
  errorNetwork: 'The model could not be downloaded. Check your connection and try again.',
  errorQuotaExceeded: 'This browser is out of storage space for the model. Free some space, then try again.',
  errorDeviceLost: 'The graphics chip stopped. Try again; closing other tabs can help.',
  errorContextWindowExceeded:
    'This conversation is too long for this model. Start a new conversation to go on.',
  errorAborted: 'Stopped.',
  errorEngine: 'The chat could not run in this browser.',
  // Looks II (issue 23): the unreachable host on the consent card, the empty state, the launcher.
  consentUnreachable: "Can't reach the model's host right now.",
  emptyGreeting: 'How can I help?',
  suggestionsLabel: 'Suggested questions',
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  launcherTitle: 'Chat',
  // Long conversations (context-policy): the oldest turns left out, a message too long, an empty answer.
  contextTrimmed: 'The model no longer sees the messages above: the conversation outgrew what it can read.',
  errorMessageTooLong: 'This message is too long for this model: shorten it.',
  emptyReply: 'The model gave no answer.',
  // A page that does not let the chat run: its security policy, or a model server without CORS.
  errorBlocked: 'The chat is not available on this page.',
  // The CPU runtime in every browser engine: a browser that cannot start it at all (issue 20).
  errorBrowserUnsupported: 'This browser cannot run the chat. Try a recent Chrome, Edge, Firefox or Safari.',
} as const;

export type Strings = { [K in keyof typeof en]: string };

/**
 * One turn of the conversation, in the reply chunk: the draft that streams (rendered at most every
 * `DRAFT_MS`), the answer fitted into the model's context (`answer`), and what lands in the
 * conversation: the reply (an empty one too, which the view marks), its figures, or the failure
 * at its place in the log. A message that was not sent (too long, or `context-policy="error"`)
 * leaves the log: its text goes back to the sender.
 */
import type { Runtime } from '../engine/runtime.js';
import type { AiChatError } from '../errors.js';
import type { ChatMessage } from '../types.js';
import { newContext } from './context-fit.js';
import type { ConversationController } from './conversation-controller.js';
import { answer, statsOf } from './reply.js';

/** A streaming reply renders at most this often, ms: tokens in between join the next render. */
const DRAFT_MS = 32;

export async function runTurn(
  c: ConversationController,
  runtime: Runtime,
  user: ChatMessage,
  abort: AbortController,
  epoch: number,
): Promise<ChatMessage> {
  const { host, model, status } = c;
  const { settings, systemPrompt } = host;
  c.abort = abort;
  const draft: ChatMessage = { role: 'assistant', content: '' };
  c.draft = draft;
  status.generating = true;
  // A new model under the reply stops it too (a listener removed after the reply: the model's
  // signal outlives many replies, and must not hold on to them as `AbortSignal.any` would).
  const { signal } = abort;
  const switched = model.signal;
  const stopOnSwitch = () => abort.abort();
  if (switched.aborted) abort.abort();
  switched.addEventListener('abort', stopOnSwitch, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const turn = {
    messages: c.messages.slice(0, c.messages.indexOf(user) + 1),
    system: systemPrompt ?? '',
    settings,
    window: model.modelInfo?.contextWindow,
  };
  const answered = await answer(runtime, turn, (c.context ??= newContext()), signal, (text) => {
    draft.content += text;
    // The draft grew: render it at most every DRAFT_MS (a fast burst of tokens costs one render).
    timer ??= setTimeout(() => {
      timer = undefined;
      host.requestUpdate();
    }, DRAFT_MS);
  }).finally(() => {
    switched.removeEventListener('abort', stopOnSwitch);
    // The reply's last render is the one below: no throttled draft render may follow it.
    clearTimeout(timer);
  });
  if (c.abort === abort) c.abort = undefined;
  c.draft = undefined;
  if (answered.refused) return refuse(c, user, answered.refused, epoch);
  const { streamed } = answered;
  c.closing = streamed.closed;
  const { failure } = streamed;
  const message: ChatMessage =
    signal.aborted || failure !== undefined ? { ...draft, interrupted: true } : { ...draft };
  if (epoch !== c.epoch) {
    // A new conversation started during the reply: nothing of it lands there.
    status.generating = false;
    return message;
  }
  // An empty answer is an answer (the view marks it); a stopped or failed one with no text is none.
  if (message.content || !message.interrupted) c.append(message);
  // A reply that failed has no figures (and the stats line shows none).
  c.report(failure === undefined ? statsOf(streamed, settings.latencyThreshold) : undefined);
  const chat = failure === undefined ? undefined : (c.failure = status.fail(failure));
  status.generating = false;
  // Settled once the reply is on screen.
  await host.updateComplete;
  if (chat) throw chat;
  return message;
}

/** Not sent: the message leaves the log, the refusal is shown, and the text goes back to the sender. */
async function refuse(
  c: ConversationController,
  user: ChatMessage,
  refusal: AiChatError,
  epoch: number,
): Promise<never> {
  if (epoch === c.epoch) {
    c.messages = c.messages.filter((m) => m !== user);
    c.failure = c.status.fail(refusal);
  }
  c.unsent.add(refusal);
  c.status.generating = false;
  await c.host.updateComplete;
  throw refusal;
}

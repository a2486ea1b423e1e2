/* global requestAnimationFrame, PerformanceObserver */
// Runs inside the bench pages. Mounts <ai-chat> or <deep-chat>, drives both from the same
// ScriptedEngine (same tokens, same pace), and watches long tasks and frame gaps.
// The page has already loaded the element's script tag; this module only drives it.
import { ScriptedEngine } from '/ai-chat/testing.js';
import { usableInput } from './usable.js';

const kind = new URL(import.meta.url).searchParams.get('kind');
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
let script = { text: ['Hello.'], tokenDelayMs: 4 };
const scripted = new ScriptedEngine({ replies: () => script });
// A burst: every chunk at once, with no event-loop turn between them (microtasks only), as a
// buffering proxy delivers a reply.
async function* burstStream(tokens) {
  for (const text of tokens) yield { choices: [{ delta: { content: text }, finish_reason: null }] };
}
const engine = {
  chat: {
    completions: {
      // The scripted engine counts the prompt's tokens (for usage): it gets the last message only,
      // as deep-chat's handler sends it, so that its cost is the same for both elements whatever
      // the history (the element's own work on the history is still counted).
      create: (request) =>
        script.burst
          ? Promise.resolve(burstStream(script.text))
          : scripted.chat.completions.create({ ...request, messages: request.messages.slice(-1) }),
    },
  },
  get requests() {
    return scripted.requests;
  },
  reload: (model) => scripted.reload(model),
  interruptGenerate: () => scripted.interruptGenerate(),
  setInitProgressCallback: (callback) => scripted.setInitProgressCallback(callback),
};
let el;
let deepDone;

function mountOurs() {
  el = document.createElement('ai-chat');
  el.engine = engine;
  el.style.cssText = 'width:600px;--ai-chat-max-height:500px';
  document.body.append(el);
}

function mountDeep(history) {
  el = document.createElement('deep-chat');
  if (history) el.history = history;
  el.chatStyle = { width: '600px', height: '560px' };
  el.connect = {
    stream: true,
    handler: async (_body, signals) => {
      signals.onOpen();
      const reply = await engine.chat.completions.create({
        messages: [{ role: 'user', content: 'bench' }],
        stream: true,
      });
      for await (const chunk of reply) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) await signals.onResponse({ text });
      }
      signals.onClose();
      deepDone?.();
    },
  };
  document.body.append(el);
}

async function untilUsable() {
  const start = performance.now();
  while (!usableInput(el)) {
    if (performance.now() - start > 20_000) throw new Error(`${kind}: input never became usable`);
    await new Promise((r) => setTimeout(r, 5));
  }
  if (kind === 'deep') while (!el._hasBeenRendered) await new Promise((r) => setTimeout(r, 5));
  await frames();
}

let longTasks = [];
let observer;
let maxGap = 0;
let watching = false;

function watch() {
  longTasks = [];
  maxGap = 0;
  watching = true;
  observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => {
    if (!watching) return;
    maxGap = Math.max(maxGap, t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => ((last = t), requestAnimationFrame(tick)));
}

function unwatch() {
  watching = false;
  observer.takeRecords().forEach((e) => longTasks.push(e.duration));
  observer.disconnect();
  return {
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    maxFrameGapMs: maxGap,
  };
}

/**
 * One reply of exactly these tokens at this pace (`'burst'`: all at once, no event-loop turn
 * between them); resolves when it is complete and painted.
 */
async function reply(tokens, tokenDelayMs, userText = 'Tell me about in-browser LLMs.') {
  script = { text: tokens, tokenDelayMs, burst: tokenDelayMs === 'burst' };
  if (kind === 'ours') {
    const message = await el.send(userText);
    if (!message || message.role !== 'assistant') throw new Error('ai-chat: no assistant reply');
    while (el.status !== 'ready') await new Promise((r) => setTimeout(r, 5));
    await el.updateComplete;
  } else {
    const done = new Promise((r) => (deepDone = r));
    el.submitUserMessage({ text: userText });
    await done;
  }
  // The scripted engine keeps every request for tests' assertions: drop them, they are not the element's.
  engine.requests.length = 0;
  await frames();
}

/** Text the element shows for its last reply (to check that the reply really rendered). */
function lastReplyText() {
  const root = el.shadowRoot;
  const nodes =
    kind === 'ours'
      ? root.querySelectorAll('[part~="message-assistant"]')
      : root.querySelectorAll('.ai-message-text, .ai-message .message-bubble');
  return nodes.length ? nodes[nodes.length - 1].textContent : '';
}

/** Show `count` messages at once (a restored conversation); resolves when they are painted. */
async function restore(count, text) {
  const messages = Array.from({ length: count }, (_, i) =>
    kind === 'ours'
      ? { role: i % 2 ? 'assistant' : 'user', content: `${i}: ${text}` }
      : { role: i % 2 ? 'ai' : 'user', text: `${i}: ${text}` },
  );
  if (kind === 'ours') {
    el.messages = messages;
    await el.updateComplete;
  } else {
    // deep-chat restores a conversation through its `history` property on a new element.
    el.remove();
    mountDeep(messages);
    while (el.getMessages().length < count) await new Promise((r) => setTimeout(r, 5));
  }
  await frames();
}

/** Whether our last reply is rendered as Markdown (deep-chat: always true). */
function lastReplyIsMarkdown() {
  if (kind !== 'ours') return true;
  const nodes = el.shadowRoot.querySelectorAll('[part~="message-assistant"] .content');
  return nodes.length > 0 && nodes[nodes.length - 1].classList.contains('markdown');
}

function reset() {
  if (kind === 'ours') el.reset();
  else el.clearMessages(true);
  return frames();
}

window.bench = {
  kind,
  async mount() {
    if (kind === 'ours') mountOurs();
    else mountDeep();
    await untilUsable();
  },
  /** The visitor puts the cursor in the text box (before typing a first question). */
  focusInput: () => usableInput(el)?.focus(),
  reply,
  watch,
  unwatch,
  reset,
  restore,
  lastReplyText,
  lastReplyIsMarkdown,
  messageCount: () => (kind === 'ours' ? el.messages.length : el.getMessages().length),
};

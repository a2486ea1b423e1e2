import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import {
  $,
  $$,
  expectEveryWorkerEnded,
  record,
  REAL_WORKER,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

// A long conversation with <ai-chat> on the CPU runtime for real: the real worker and llama.cpp in
// WebAssembly (wllama) on a generated GGUF model with a 4,096-token context (a byte-level
// tokenizer: about 8 tokens a word here, so a 60–120-word message is 500–1,000 tokens and the
// context holds about five turns).
// Words in a pseudo-random order (an LCG from `seed`): no long run repeats across messages, as in
// real text (a repeating pattern would let llama.cpp's cache reuse match the wrong place).
const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber cobalt ember frost grove harbor'.split(
    ' ',
  );
const words = (n: number, seed: number) => {
  let x = (seed * 2654435761) >>> 0;
  return Array.from({ length: n }, () => WORDS[(x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 27]).join(
    ' ',
  );
};
const SYSTEM = words(40, 99);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Send `text` and time its first token on the page's clock (the first text of the reply on screen). */
async function timedSend(el: AiChat, text: string) {
  const start = performance.now();
  let first: number | undefined;
  const streaming = () => el.shadowRoot!.querySelector('[data-streaming] .content')?.textContent ?? '';
  const observer = new MutationObserver(() => {
    if (first === undefined && streaming()) first = performance.now();
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  const reply = await el.send(text);
  observer.disconnect();
  return { reply: reply!, ttft: (first ?? performance.now()) - start, promptTokens: el.stats!.promptTokens };
}

describe('<ai-chat> long conversations on the CPU runtime (real wllama)', function () {
  this.timeout(300000);
  afterEach(async () => {
    await expectEveryWorkerEnded();
  });

  it('real wllama: 20 sends of 60–120 words on a 4,096-token model all answer; the notice once; every message kept; turn 20 costs about turn 2; a 3,000-word message is refused once, and the next send works', async () => {
    const uncaught: string[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(String(e.message));
    const onRejection = (e: PromiseRejectionEvent) => uncaught.push(String(e.reason));
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    const url = `${location.origin}/gguf/conversation${Date.now() % 100000}-c4096.gguf`;
    const el = await fixture<AiChat>(
      html`<ai-chat
        model-url=${url}
        worker-url=${REAL_WORKER}
        system-prompt=${SYSTEM}
        max-tokens="24"
        autoload
      ></ai-chat>`,
    );
    await waitForStatus(el, 'ready', 60000);
    expect(el.modelInfo!.contextWindow).to.equal(4096);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const turns: Array<{ ttft: number; promptTokens: number }> = [];
    const notes: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const { reply, ttft, promptTokens } = await timedSend(el, words(60 + ((i * 37) % 61), i));
      expect(reply.content.length, `turn ${i} answered`).to.be.greaterThan(0);
      expect(reply.interrupted, `turn ${i} whole`).to.equal(undefined);
      turns.push({ ttft, promptTokens });
      await el.updateComplete;
      notes.push($$(el, '.context-note').length);
    }
    expect(errors.map((e) => e.code)).to.deep.equal([]);
    // Every message stays, in `messages` and on screen; the oldest are left out of the model's view,
    // and the visitor is told so once, above the first message the model still sees.
    expect(el.messages).to.have.length(40);
    expect(visibleMessages(el)).to.have.length(40);
    expect(notes.indexOf(1), 'the notice appears once the context is full').to.be.within(3, 8);
    expect(
      notes.slice(notes.indexOf(1)).every((n) => n === 1),
      'one notice, never more',
    ).to.equal(true);
    const note = $(el, '.context-note')!;
    expect(note.textContent).to.contain('The model no longer sees the messages above');
    expect(note.nextElementSibling!.getAttribute('data-role')).to.equal('user');
    // llama.cpp's KV cache is kept between turns (and reused across a cut): a turn evaluates its own
    // message, not the conversation.
    const early = turns.slice(1, 4);
    const late = turns.slice(17, 20);
    const prompt = {
      early: median(early.map((t) => t.promptTokens)),
      late: median(late.map((t) => t.promptTokens)),
    };
    const ttft = { early: median(early.map((t) => t.ttft)), late: median(late.map((t) => t.ttft)) };
    console.log(
      `turns 2–4 vs 18–20: prompt tokens evaluated ${JSON.stringify(prompt)}, ms to first token ${JSON.stringify(ttft)}`,
    );
    expect(prompt.late).to.be.at.most(2 * prompt.early);
    expect(ttft.late).to.be.at.most(2 * ttft.early);
    // Every turn after the first evaluates its own message (at most 120 words, about 1,000 tokens)
    // and the last reply, never the 2,500–4,000 tokens of the conversation it is sent with.
    expect(Math.max(...turns.slice(1).map((t) => t.promptTokens))).to.be.below(1400);

    // One message longer than the whole context: refused before it is sent, kept once (in the composer).
    const long = words(3000, 7);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = long;
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => errors.length === 1, 'the refusal');
    expect(errors[0]).to.include({ code: 'context-window-exceeded', recoverable: false });
    await waitUntil(() => textarea.value === long, 'the text back in the composer');
    await el.updateComplete;
    expect(el.messages).to.have.length(40);
    expect(visibleMessages(el).filter((m) => m === long)).to.deep.equal([]);
    expect($(el, '[part="error"]')!.textContent).to.contain(
      'This message is too long for this model: shorten it.',
    );
    // The error is in the log, at its end, where the send failed; nothing above the log.
    expect($(el, '[part="messages"] [part="error"]')).to.exist;
    expect($$(el, '[part="error"]')).to.have.length(1);
    // A short send works after it.
    textarea.value = '';
    const after = await el.send('and now a short one');
    expect(after!.content.length).to.be.greaterThan(0);
    expect(el.messages).to.have.length(42);
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    expect(uncaught).to.deep.equal([]);
    await el.unload();
  });
});

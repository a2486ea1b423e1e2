import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { ChatEngine, CompletionChunk } from '../src/engine/engine.js';
import type { AiChatErrorEvent, AiChatMessageEvent, AiChatStatsEvent } from '../src/events.js';
import { $, record, SCRIPTED_WORKER, visibleMessages } from './helpers.js';

/** A scripted engine that streams exactly these chunks (what a remote or broken engine may send). */
function chunksEngine(chunks: CompletionChunk[]): ChatEngine {
  return {
    chat: {
      completions: {
        create: async () =>
          (async function* () {
            for (const chunk of chunks) {
              await new Promise((resolve) => setTimeout(resolve, 2));
              yield chunk;
            }
          })(),
      },
    },
  } as unknown as ChatEngine;
}

const text = (content: string): CompletionChunk => ({ choices: [{ delta: { content } }] });

describe('small ones of issue 14 (scripted engine)', () => {
  it("scripted engine: garbage usage.extra and token counts fall back to the element's own figures", async () => {
    const engine = chunksEngine([
      text('one '),
      text('two '),
      text('three'),
      {
        choices: [{ delta: {}, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: 'abc',
          completion_tokens: -4,
          extra: { time_per_output_token_s: 0, time_to_first_token_s: 'soon', decode_tokens_per_s: 'fast' },
        },
      } as unknown as CompletionChunk,
    ]);
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine} show-stats></ai-chat>`);
    const stats = record<AiChatStatsEvent>(el, 'ai-chat-stats');
    await el.send('count please');
    expect(stats.length).to.equal(1);
    const s = stats[0]!;
    expect(typeof s.promptTokens).to.equal('number');
    expect(Number.isInteger(s.promptTokens) && s.promptTokens >= 0).to.equal(true);
    expect(s.completionTokens).to.equal(3);
    expect(s.msPerToken).to.be.above(0);
    expect(el.stats!.source).to.equal('measured');
    await el.updateComplete;
    expect($(el, '[part="stats"]')!.textContent).not.to.match(/\b0\.0 tokens\/s/);
  });

  it('scripted engine: an engine that ends its turn before a word gives an empty answer, marked, never an error or silence', async () => {
    const engine = chunksEngine([{ choices: [{ delta: {}, finish_reason: 'stop' }] }]);
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine} show-stats></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const messages = record<AiChatMessageEvent>(el, 'ai-chat-message');
    const answer = await el.send('hello?');
    expect(answer).to.deep.equal({ role: 'assistant', content: '' });
    expect(errors).to.deep.equal([]);
    expect(el.status).to.equal('ready');
    expect(messages.map((e) => e.message)).to.deep.equal([{ role: 'user', content: 'hello?' }, answer]);
    await el.updateComplete;
    // The visitor is told, in the answer's place; Regenerate asks again.
    expect(visibleMessages(el)).to.deep.equal(['hello?', 'The model gave no answer.']);
    expect($(el, '[part="error"]')).to.equal(null);
    expect($(el, '[data-action="regenerate"]')).to.exist;
    expect($(el, '[part="stats"]')).to.equal(null);
  });

  for (const [attribute, value] of [
    ['latency-threshold', '0x10'],
    ['latency-threshold', 'Infinity'],
    ['max-model-size', '1e400'],
    ['max-memory', '1e400GB'],
  ] as const) {
    it(`scripted engine: ${attribute}="${value}" is invalid-attribute and the default is used`, async () => {
      const el = await fixture<AiChat>(html`<ai-chat worker-url=${SCRIPTED_WORKER}></ai-chat>`);
      const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
      el.setAttribute(attribute, value);
      await el.updateComplete;
      await waitUntil(() => errors.length > 0, 'reported');
      expect(errors[0]!.code).to.equal('invalid-attribute');
      expect(errors[0]!.message).to.contain(`${attribute}="${value}"`);
      if (attribute === 'latency-threshold') expect(el.settings.latencyThreshold).to.equal(50);
      if (attribute === 'max-model-size') expect(el.settings.maxModelSize).to.equal(undefined);
      el.remove();
    });
  }
});

import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { ChatEngine } from '../src/engine/engine.js';
import { fetchOk } from '../src/engine/worker/shared/http.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { $, record } from './helpers.js';

/** A page engine (a stand-in for a remote OpenAI-compatible endpoint) whose replies fail with `error`. */
function failingEngine(error: unknown): ChatEngine {
  return {
    chat: {
      completions: {
        create: async () => {
          throw error;
        },
      },
    },
  } as unknown as ChatEngine;
}

async function failWith(error: unknown) {
  const el = await fixture<AiChat>(html`<ai-chat .engine=${failingEngine(error)}></ai-chat>`);
  const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
  await el.send('hello').catch(() => undefined);
  await el.updateComplete;
  const shown = $(el, '[part="error"] p')!.textContent!.trim();
  const actions = [...el.shadowRoot!.querySelectorAll('[part="error"] button')].map((b) =>
    b.textContent!.trim(),
  );
  return { el, event: errors[0]!, shown, actions };
}

describe('errors are classified where they arise, never by their words (scripted engine)', () => {
  it('scripted engine: a remote engine\'s "429 You exceeded your current quota" is an engine error, with no offer to clear storage', async () => {
    const { event, shown, actions } = await failWith(new Error('429 You exceeded your current quota'));
    expect(event.code).to.equal('engine');
    expect(event.message, 'the page author keeps the words').to.contain(
      '429 You exceeded your current quota',
    );
    expect(shown).not.to.match(/storage|quota/i);
    expect(actions).not.to.include('Clear downloaded files');
  });

  it('scripted engine: an engine\'s "reload failed: network error" is an engine error, not network', async () => {
    const { event } = await failWith(new Error('reload failed: network error, ERR_CONNECTION_RESET'));
    expect(event.code).to.equal('engine');
  });

  for (const internal of [
    new TypeError('b.map is not a function'),
    new TypeError("Cannot read properties of undefined (reading 'buffer')"),
    Object.assign(new Error("Cannot read properties of undefined (reading 'buffer')"), {
      name: 'NetworkError',
    }),
  ])
    it(`scripted engine: "${internal.name}: ${internal.message}" never reaches the visitor`, async () => {
      const { event, shown } = await failWith(internal);
      expect(event.message).to.contain(internal.message);
      expect(shown).not.to.contain(internal.message);
      expect(shown).not.to.match(/is not a function|Cannot read|undefined/);
    });

  it('scripted engine: the browser\'s own "Failed to fetch" (a TypeError) is network', async () => {
    const { event } = await failWith(new TypeError('Failed to fetch'));
    expect(event.code).to.equal('network');
  });
});

describe('fetchOk (real fetch)', () => {
  for (const url of ['file:///models/x/tensor-cache.json', 'http://127.0.0.1:1/models/x/tensor-cache.json'])
    it(`real fetch: an unreachable ${url.split(':')[0]} URL names the host or the file, never an empty host`, async () => {
      const error = (await fetchOk(url).catch((e: unknown) => e)) as Error & { detail?: string };
      expect(error.name).to.equal('NetworkError');
      expect(error.message).not.to.match(/could not reach\s*$/);
      expect(error.message).to.match(/could not reach 127\.0\.0\.1:1|could not fetch tensor-cache\.json/);
    });
});
